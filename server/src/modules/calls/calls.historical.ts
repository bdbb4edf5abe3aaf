/** Historical calls imported for the record (issue 8 §6): stored closed with their real dates, read-only. */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import type { Call } from './call.schema.js';
import { insertCall } from './calls.repo.js';
import { assertNumberFree, columnsOf } from './calls.service.js';
import { CALL } from './call.workflow.js';

/**
 * A historical call entered for the record (issue 8 §6), inside the caller's transaction: stored
 * closed with its real dates, marked imported (read-only: no transition leaves `closed`). The caller
 * has validated the document; the number must be free.
 */
export async function insertImportedCall(
  ctx: AppContext,
  caller: Caller,
  trx: Parameters<typeof insertCall>[0],
  call: Call,
  source: string,
): Promise<string> {
  await assertNumberFree(ctx, call.number, undefined, trx);
  const id = randomUUID();
  const now = caller.now;
  const stored = { ...call, status: CALL.state.closed };
  await insertCall(trx, {
    id,
    ...columnsOf(stored),
    status: CALL.state.closed,
    content: JSON.stringify(stored),
    created_by: caller.actor.userId,
    created_at: now,
    updated_at: now,
    published_at: null,
    closed_at: new Date(call.window.closesAt),
    imported_at: now,
    imported_by: caller.actor.userId,
    import_source: source,
  } as never);
  await appendAudit(trx, {
    actor: auditActor(caller),
    action: 'call.importHistorical',
    objectType: 'call',
    objectId: id,
    after: { number: call.number, year: call.year, title: call.title, status: CALL.state.closed, source },
  });
  return id;
}
