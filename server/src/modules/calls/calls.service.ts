/**
 * Calls (申报指南): drafts, import/export, publish/close through the workflow table, public pages.
 * Every change writes an audit record in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { auditActor, type AnyCaller, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, type FieldError } from '../../platform/errors.js';
import { importCall, exportCall, type ImportFieldError } from './call.io.js';
import { deadlineState } from './call.rules.js';
import { CALL, CALL_STATUS, type CallAction } from './call.workflow.js';
import type { Call, CallStatus } from './call.schema.js';
import {
  findCall,
  findCallHead,
  findCallByNumber,
  insertCall,
  listCalls,
  listOpenCalls,
  updateCall,
  type CallRow,
} from './calls.repo.js';

type CallHead = Omit<CallRow, 'content'>;
import { shanghaiIso } from '../../../../shared/time.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
/** An instant as ISO 8601 with the +08:00 offset (Asia/Shanghai): shared/time.ts, kept here for its importers. */
export { shanghaiIso };

const toFields = (errs: ImportFieldError[]): FieldError[] =>
  errs.map((e) => ({ field: e.path, code: e.code, message: e.message, messageEn: e.messageEn }));

/** Columns copied out of a (possibly partial) call document. */
export function columnsOf(content: Record<string, unknown>) {
  const w = (content.window ?? {}) as Record<string, unknown>;
  const instant = (v: unknown) =>
    typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null;
  return {
    year: typeof content.year === 'number' && Number.isInteger(content.year) ? content.year : null,
    number: typeof content.number === 'string' && content.number ? content.number : null,
    title: typeof content.title === 'string' ? content.title : null,
    opens_at: instant(w.opensAt),
    closes_at: instant(w.closesAt),
  };
}

/** A call's list row; `now` is the caller's request time (the deadline state is judged on it). */
export function summary(
  r: Pick<
    CallRow,
    | 'id'
    | 'year'
    | 'number'
    | 'title'
    | 'status'
    | 'opens_at'
    | 'closes_at'
    | 'version'
    | 'created_at'
    | 'updated_at'
    | 'published_at'
    | 'closed_at'
  > &
    Partial<Pick<CallRow, 'imported_at' | 'import_source'>>,
  now: Date,
) {
  const deadline =
    r.opens_at && r.closes_at
      ? deadlineState({ window: { opensAt: iso(r.opens_at)!, closesAt: iso(r.closes_at)! } }, now)
      : null;
  return {
    id: r.id,
    year: r.year,
    number: r.number,
    title: r.title,
    status: r.status,
    statusLabel: { zh: CALL_STATUS[r.status].zh, en: CALL_STATUS[r.status].en },
    opensAt: r.opens_at ? shanghaiIso(r.opens_at) : null,
    closesAt: r.closes_at ? shanghaiIso(r.closes_at) : null,
    deadline,
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    publishedAt: iso(r.published_at),
    closedAt: iso(r.closed_at),
    imported: !!r.imported_at,
    importedAt: iso(r.imported_at ?? null),
    importSource: r.import_source ?? null,
  };
}

/** The detail with the buttons the caller may press (`transitions`) and why the others are refused. */
function detail(caller: AnyCaller, r: CallRow) {
  const parsed = importCall({ ...r.content, status: r.status });
  const ref = { status: r.status };
  const { actions, denials } = CALL.available(caller.actor, ref);
  const moves = CALL.from(r.status, ref).filter((t) => t.to !== undefined);
  return {
    ...summary(r, caller.now),
    content: r.content,
    problems: parsed.ok ? [] : parsed.errors,
    transitions: moves.map((t) => {
      const denial = denials.find((d) => d.action === t.action);
      return {
        to: t.to!,
        action: t.action,
        label: t.label.zh,
        labelEn: t.label.en,
        allowed: actions.includes(t.action),
        ...(denial ? { reason: { zh: denial.zh, en: denial.en } } : {}),
      };
    }),
  };
}

async function loadRow(ctx: AppContext, id: string, forUpdate = false, db = ctx.db) {
  const r = await findCall(db, id, forUpdate);
  if (!r) throw new DomainError('not_found', { zh: '申报指南不存在', en: 'No such call' });
  return r;
}

// ---- parsed-call cache: the submit path reads the call on every request ----
const cache = new Map<string, { version: number; call: Call }>();

/** The call as a validated Call object (status from the row). Throws when the stored document is incomplete. */
export async function loadCall(ctx: AppContext, id: string): Promise<{ row: CallHead; call: Call }> {
  const head = await findCallHead(ctx.db, id);
  if (!head) throw new DomainError('not_found', { zh: '申报指南不存在', en: 'No such call' });
  const hit = cache.get(id);
  if (hit && hit.version === head.version && hit.call.status === head.status)
    return { row: head, call: hit.call };
  const row = await loadRow(ctx, id);
  const parsed = importCall({ ...row.content, status: row.status });
  if (!parsed.ok) throw new DomainError('call_incomplete', { fields: toFields(parsed.errors) });
  cache.set(id, { version: row.version, call: parsed.call });
  return { row: head, call: parsed.call };
}

export async function assertNumberFree(ctx: AppContext, number: string | null, selfId?: string, db = ctx.db) {
  if (!number) return;
  const other = await findCallByNumber(db, number);
  if (other && other.id !== selfId)
    throw new DomainError('conflict', {
      zh: `文号“${number}”的指南已存在`,
      en: `A call numbered “${number}” already exists`,
      fields: [
        { field: 'number', code: 'number_taken', message: '文号已被使用', messageEn: 'Number already used' },
      ],
    });
}

export async function createDraft(
  ctx: AppContext,
  caller: Caller,
  content: Record<string, unknown>,
  action = 'call.create',
) {
  const cols = columnsOf(content);
  await assertNumberFree(ctx, cols.number);
  const id = randomUUID();
  const now = caller.now;
  const stored = { ...content, status: CALL.state.draft };
  await ctx.db.transaction().execute(async (trx) => {
    await insertCall(trx, {
      id,
      ...cols,
      content: JSON.stringify(stored),
      created_by: caller.actor.userId,
      updated_at: now,
      created_at: now,
    } as never);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action,
      objectType: 'call',
      objectId: id,
      after: { number: cols.number, year: cols.year, title: cols.title },
    });
  });
  return detail(caller, await loadRow(ctx, id));
}

/** POST /api/calls/import: the whole document must be valid (every wrong field listed); stored as a draft. */
export async function importCallDraft(ctx: AppContext, caller: Caller, json: unknown) {
  const r = importCall(json);
  if (!r.ok) throw new DomainError('validation_failed', { fields: toFields(r.errors) });
  return createDraft(ctx, caller, r.call as unknown as Record<string, unknown>, 'call.import');
}

export async function updateDraft(
  ctx: AppContext,
  caller: Caller,
  id: string,
  content: Record<string, unknown>,
  baseVersion?: number,
) {
  const row = await loadRow(ctx, id);
  await enforce(ctx, caller, CALL.decide(caller.actor, row, 'edit'), {
    action: 'call.update',
    objectType: 'call',
    objectId: id,
  });
  const cols = columnsOf(content);
  await assertNumberFree(ctx, cols.number, id);
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await updateCall(
      trx,
      id,
      {
        ...cols,
        content: JSON.stringify({ ...content, status: CALL.state.draft }),
        updated_at: caller.now,
      },
      baseVersion,
    );
    if (!ok)
      throw new DomainError('conflict', {
        zh: '指南已被他人修改，请刷新后再保存',
        en: 'The call was changed by someone else; reload and save again',
      });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'call.update',
      objectType: 'call',
      objectId: id,
      before: { version: row.version, number: row.number, title: row.title },
      after: { number: cols.number, title: cols.title },
    });
  });
  return detail(caller, await loadRow(ctx, id));
}

export async function getCallDetail(ctx: AppContext, caller: Caller, id: string) {
  return detail(caller, await loadRow(ctx, id));
}

/**
 * Publish or close: decided on the locked row inside one transaction; a refusal found there is audited
 * by `transaction()` after the rollback (auditing through ctx.db inside the transaction would wait
 * forever on PGlite's single connection).
 */
async function transition(ctx: AppContext, caller: Caller, id: string, action: CallAction) {
  return transaction(ctx, async (trx) => {
    const row = await loadRow(ctx, id, true, trx);
    await enforce(ctx, caller, CALL.decide(caller.actor, row, action), {
      action: `call.${action}`,
      objectType: 'call',
      objectId: id,
      trx,
    });
    const to = CALL.transition(row, action)!.to!;
    const now = caller.now;
    const set: Record<string, unknown> = {
      status: to,
      updated_at: now,
      content: JSON.stringify({ ...row.content, status: to }),
    };
    if (to === CALL.state.published) {
      const parsed = importCall({ ...row.content, status: to });
      if (!parsed.ok) throw new DomainError('call_incomplete', { fields: toFields(parsed.errors) });
      if (Date.parse(parsed.call.window.closesAt) <= now.getTime())
        throw new DomainError('call_incomplete', {
          zh: '申报截止时间已过，不能发布',
          en: 'The closing time has passed; the call cannot be published',
          fields: [
            {
              field: 'window.closesAt',
              code: 'in_past',
              message: '截止时间早于当前时间',
              messageEn: 'closesAt is in the past',
            },
          ],
        });
      set.published_at = now;
    }
    if (to === CALL.state.closed) set.closed_at = now;
    await updateCall(trx, id, set);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `call.${action}`,
      objectType: 'call',
      objectId: id,
      before: { status: row.status },
      after: { status: to },
    });
    return id;
  });
}

export async function publishCall(ctx: AppContext, caller: Caller, id: string) {
  await transition(ctx, caller, id, 'publish');
  return getCallDetail(ctx, caller, id);
}
export async function closeCall(ctx: AppContext, caller: Caller, id: string) {
  await transition(ctx, caller, id, 'close');
  return getCallDetail(ctx, caller, id);
}

export async function listCallsFor(
  ctx: AppContext,
  caller: Caller,
  q: { status?: CallStatus; year?: number; page: number; pageSize: number },
) {
  const { total, items } = await listCalls(ctx.db, q);
  return { total, items: items.map((r) => summary(r, caller.now)) };
}

/** Published calls still open (or not yet open) at server time: the public list. */
export async function listOpen(ctx: AppContext, caller: AnyCaller) {
  const rows = await listOpenCalls(ctx.db, caller.now);
  return { total: rows.length, items: rows.map((r) => summary(r, caller.now)) };
}

/** Canonical JSON of a complete call (call.io exportCall). */
export async function exportCallJson(ctx: AppContext, caller: Caller, id: string) {
  const { row, call } = await loadCall(ctx, id);
  const text = exportCall(call);
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'call.export',
    objectType: 'call',
    objectId: id,
  });
  return { text, filename: `call-${row.year ?? 'draft'}-${id.slice(0, 8)}.json` };
}
