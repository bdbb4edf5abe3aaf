import type { AppContext } from '../../platform/context.js';
import { auditEvent, verifyAuditChain } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { findAudit } from './audit.repo.js';
import type { AuditQuery } from './audit.schema.js';
import { actionsMatching, auditActionLabel, auditObjectLabel } from './audit.labels.js';

export async function listAudit(ctx: AppContext, q: AuditQuery) {
  const { total, items } = await findAudit(ctx.db, q, q.q ? actionsMatching(q.q) : []);
  return {
    total,
    items: items.map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorOrgId: r.actor_org_id,
      actorLabel: r.actor_label,
      actorName: r.actor_name ?? null,
      actorOrgName: r.actor_org_name ?? null,
      ip: r.ip,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      objectType: r.object_type,
      objectTypeLabel: auditObjectLabel(r.object_type),
      objectId: r.object_id,
      result: r.result,
      before: r.before,
      after: r.after,
      detail: r.detail,
      hash: r.hash,
    })),
  };
}

export async function verifyAudit(ctx: AppContext, caller: Caller) {
  const res = await verifyAuditChain(ctx.db);
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'audit.verify',
    result: res.problems.length ? 'failed' : 'ok',
    detail: { rows: res.rows, problems: res.problems.length },
  });
  return { rows: res.rows, ok: res.problems.length === 0, problems: res.problems };
}
