import type { AppContext } from '../../platform/context.js';
import { auditEvent } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import type { Decision } from '../../platform/permissions.js';
import type { Actor } from '../../platform/roles.js';
import { auditActorOf } from './identity.context.js';

/** Turns a refusal into an audited `permission.denied` and a 403 carrying the policy's reason. */
export async function enforce(
  ctx: AppContext,
  actor: Actor,
  d: Decision,
  what: { action: string; objectType: string; objectId?: string; ip?: string },
): Promise<void> {
  if (d.allowed) return;
  await auditEvent(ctx.db, {
    actor: auditActorOf(actor, what.ip),
    action: 'permission.denied',
    objectType: what.objectType,
    objectId: what.objectId,
    result: 'denied',
    detail: { attempted: what.action, reason: d.code },
  });
  throw new DomainError('forbidden', { zh: d.zh, en: d.en, params: { reason: d.code } });
}
