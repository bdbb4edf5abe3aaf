import type { AppContext } from '../../platform/context.js';
import { AUDIT_MIN_RETENTION_DAYS, auditEvent, verifyAuditChain } from '../../platform/audit.js';
import { activeAuditKeyring } from '../../platform/audit-key.js';
import { verifyAuditArchives } from '../../platform/audit-archive-verify.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { findAudit, listArchives } from './audit.repo.js';
import type { AuditQuery } from './audit.schema.js';
import { actionsMatching, auditActionLabel, auditObjectLabel } from './audit.labels.js';

type AuditRow = Awaited<ReturnType<typeof findAudit>>['items'][number];

export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export async function listAudit(ctx: AppContext, q: AuditQuery) {
  const { total, items } = await findAudit(ctx.db, q, q.q ? actionsMatching(q.q) : []);
  return { total, items: items.map(auditDto) };
}

/**
 * The audit log as JSON Lines (one record a line, newest first, at most AUDIT_EXPORT_MAX_ROWS),
 * for the audit admin (MLPS 8.1.4.3: the records are protected and can be taken out for analysis).
 * The export itself is audited with the filter and the row count.
 */
export async function exportAudit(ctx: AppContext, caller: Caller, q: Omit<AuditQuery, 'page' | 'pageSize'>) {
  const { total, items } = await findAudit(ctx.db, { ...q, page: 1, pageSize: AUDIT_EXPORT_MAX_ROWS });
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'audit.export',
    objectType: 'audit_log',
    detail: { filter: q, rows: items.length, total },
  });
  const body = items.map((r) => JSON.stringify(auditDto(r))).join('\n') + (items.length ? '\n' : '');
  return { body, filename: `audit-${ctx.now().toISOString().slice(0, 10)}.jsonl` };
}

function auditDto(r: AuditRow) {
  return {
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
  };
}

/**
 * Verifies the live chain from the archived boundary and every archive's signature, links, file
 * hash and manifest (not each archived row: `transferone audit-verify --archives` does that).
 */
export async function verifyAudit(ctx: AppContext, caller: Caller) {
  const arch = await verifyAuditArchives(ctx.db, activeAuditKeyring(), ctx.config.audit.archiveDir);
  const res = await verifyAuditChain(ctx.db);
  const problems = [...arch.problems, ...res.problems];
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'audit.verify',
    result: problems.length ? 'failed' : 'ok',
    detail: { rows: res.rows, archives: arch.archives, problems: problems.length },
  });
  return { rows: res.rows, ok: problems.length === 0, problems };
}

/** The registered archives of pruned audit rows, newest first, with the retention in force. */
export async function listAuditArchives(ctx: AppContext) {
  const items = await listArchives(ctx.db);
  return {
    retentionDays: ctx.config.audit.retentionDays,
    minRetentionDays: AUDIT_MIN_RETENTION_DAYS,
    scheduled: ctx.config.audit.archiveCron !== null,
    items: items.map((a) => ({
      file: a.file,
      firstSeq: Number(a.first_seq),
      lastSeq: Number(a.last_seq),
      rows: Number(a.rows),
      firstAt: new Date(a.first_at).toISOString(),
      lastAt: new Date(a.last_at).toISOString(),
      sha256: a.sha256,
      bytes: Number(a.bytes),
      lastHash: a.last_hash,
      retentionDays: a.retention_days,
      createdAt: new Date(a.created_at).toISOString(),
      createdBy: a.created_by,
    })),
  };
}
