/**
 * The one enforcement path: a refused Decision becomes a DomainError, and the refusal is ALWAYS audited
 * as `permission.denied` (who, the attempted action, the object, the reason code).
 *
 * A refusal found inside a transaction cannot be audited there (the throw rolls the transaction back,
 * and on PGlite a second connection would wait on the first). `enforce` with `trx` throws a `Refusal`
 * that carries its audit entry; `transaction(ctx, fn)` writes that entry in its own small transaction
 * after the rollback. Outside a transaction `enforce` audits at once.
 */
import type { Kysely, Transaction } from 'kysely';
import { auditEvent, type AuditEntry } from './audit.js';
import { auditActor, type AnyCaller } from './caller.js';
import type { AppContext } from './context.js';
import type { DB } from './db-types.js';
import { problemCodeOf, type Decision, type Refused } from './decision.js';
import { DomainError } from './errors.js';

export interface EnforceWhat {
  /** the attempted action, `resource.action` (as the audit record of the change would name it) */
  action: string;
  objectType: string;
  objectId?: string;
  /** set when the check runs inside a transaction: the audit is written after its rollback */
  trx?: Transaction<DB> | Kysely<DB>;
}

/** A refusal on its way to the caller; `audited` once its permission.denied row is written. */
export class Refusal extends DomainError {
  audited = false;
  constructor(
    readonly decision: Refused,
    readonly entry: AuditEntry,
  ) {
    super(problemCodeOf(decision.code), {
      zh: decision.zh,
      en: decision.en,
      params: { reason: decision.code },
    });
  }
}

/** Writes the refusal's audit row unless it is written already. */
export async function auditRefusal(db: Kysely<DB>, r: Refusal): Promise<void> {
  if (r.audited) return;
  r.audited = true;
  await auditEvent(db, r.entry);
}

/** Returns when allowed; otherwise audits the refusal (now, or after the transaction) and throws it. */
export async function enforce(
  ctx: AppContext,
  caller: AnyCaller,
  d: Decision,
  what: EnforceWhat,
): Promise<void> {
  if (d.allowed) return;
  const r = new Refusal(d, {
    actor: auditActor(caller),
    action: 'permission.denied',
    objectType: what.objectType,
    objectId: what.objectId,
    result: 'denied',
    detail: { attempted: what.action, reason: d.code },
  });
  if (!what.trx) await auditRefusal(ctx.db, r);
  throw r;
}

/** `ctx.db.transaction()` that audits a refusal thrown inside it once it has rolled back. */
export async function transaction<T>(ctx: AppContext, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(fn);
  } catch (e) {
    if (e instanceof Refusal) await auditRefusal(ctx.db, e);
    throw e;
  }
}
