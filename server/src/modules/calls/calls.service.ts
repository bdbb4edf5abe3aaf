/**
 * Calls (申报指南): drafts, import/export, publish/close through the workflow table, public pages.
 * Every change writes an audit record in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { DomainError, type FieldError } from '../../platform/errors.js';
import type { Decision } from '../../platform/permissions.js';
import type { Actor } from '../../platform/roles.js';
import { importCall, exportCall, type ImportFieldError } from './call.io.js';
import { callTransitions, deadlineState } from './call.rules.js';
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
import { canEditCall, canTransition } from './calls.policy.js';
import { shanghaiIso } from '../../../../shared/time.js';

export const who = (a: Actor, ip?: string) => ({
  id: a.userId,
  orgId: a.orgId,
  label: a.name,
  ip: ip ?? null,
});
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
/** An instant as ISO 8601 with the +08:00 offset (Asia/Shanghai): shared/time.ts, kept here for its importers. */
export { shanghaiIso };

export async function enforceCall(
  ctx: AppContext,
  actor: Actor,
  d: Decision,
  action: string,
  id?: string,
  ip?: string,
) {
  if (d.allowed) return;
  await auditEvent(ctx.db, {
    actor: who(actor, ip),
    action: 'permission.denied',
    objectType: 'call',
    objectId: id,
    result: 'denied',
    detail: { attempted: action, reason: d.code },
  });
  throw new DomainError(
    d.code === 'invalid_state' || d.code === 'call_not_draft' ? 'invalid_state' : 'forbidden',
    {
      zh: d.zh,
      en: d.en,
      params: { reason: d.code },
    },
  );
}

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

export function summary(
  ctx: AppContext,
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
) {
  const deadline =
    r.opens_at && r.closes_at
      ? deadlineState({ window: { opensAt: iso(r.opens_at)!, closesAt: iso(r.closes_at)! } }, ctx.now())
      : null;
  return {
    id: r.id,
    year: r.year,
    number: r.number,
    title: r.title,
    status: r.status,
    statusLabel: { zh: callTransitions[r.status].label, en: callTransitions[r.status].labelEn },
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

function detail(ctx: AppContext, actor: Actor, r: CallRow) {
  const parsed = importCall({ ...r.content, status: r.status });
  return {
    ...summary(ctx, r),
    content: r.content,
    problems: parsed.ok ? [] : parsed.errors,
    transitions: callTransitions[r.status].transitions.map((t) => {
      const d = canTransition(actor, r.status, t.to);
      return {
        to: t.to,
        action: t.action,
        label: t.label,
        labelEn: t.labelEn,
        allowed: d.allowed,
        ...(d.allowed ? {} : { reason: { zh: d.zh, en: d.en } }),
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
  actor: Actor,
  content: Record<string, unknown>,
  ip?: string,
  action = 'call.create',
) {
  const cols = columnsOf(content);
  await assertNumberFree(ctx, cols.number);
  const id = randomUUID();
  const now = ctx.now();
  const stored = { ...content, status: 'draft' };
  await ctx.db.transaction().execute(async (trx) => {
    await insertCall(trx, {
      id,
      ...cols,
      content: JSON.stringify(stored),
      created_by: actor.userId,
      updated_at: now,
      created_at: now,
    } as never);
    await appendAudit(trx, {
      actor: who(actor, ip),
      action,
      objectType: 'call',
      objectId: id,
      after: { number: cols.number, year: cols.year, title: cols.title },
    });
  });
  return detail(ctx, actor, await loadRow(ctx, id));
}

/** POST /api/calls/import: the whole document must be valid (every wrong field listed); stored as a draft. */
export async function importCallDraft(ctx: AppContext, actor: Actor, json: unknown, ip?: string) {
  const r = importCall(json);
  if (!r.ok) throw new DomainError('validation_failed', { fields: toFields(r.errors) });
  return createDraft(ctx, actor, r.call as unknown as Record<string, unknown>, ip, 'call.import');
}

export async function updateDraft(
  ctx: AppContext,
  actor: Actor,
  id: string,
  content: Record<string, unknown>,
  baseVersion?: number,
  ip?: string,
) {
  const row = await loadRow(ctx, id);
  await enforceCall(ctx, actor, canEditCall(row.status), 'call.update', id, ip);
  const cols = columnsOf(content);
  await assertNumberFree(ctx, cols.number, id);
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await updateCall(
      trx,
      id,
      { ...cols, content: JSON.stringify({ ...content, status: 'draft' }), updated_at: ctx.now() },
      baseVersion,
    );
    if (!ok)
      throw new DomainError('conflict', {
        zh: '指南已被他人修改，请刷新后再保存',
        en: 'The call was changed by someone else; reload and save again',
      });
    await appendAudit(trx, {
      actor: who(actor, ip),
      action: 'call.update',
      objectType: 'call',
      objectId: id,
      before: { version: row.version, number: row.number, title: row.title },
      after: { number: cols.number, title: cols.title },
    });
  });
  return detail(ctx, actor, await loadRow(ctx, id));
}

export async function getCallDetail(ctx: AppContext, actor: Actor, id: string) {
  return detail(ctx, actor, await loadRow(ctx, id));
}

async function transition(ctx: AppContext, actor: Actor, id: string, to: CallStatus, ip?: string) {
  // the denial is audited outside the transaction: on PGlite (one connection) auditing through the
  // root handle while the transaction holds the connection would wait forever
  const pre = await loadRow(ctx, id);
  await enforceCall(ctx, actor, canTransition(actor, pre.status, to), `call.${to}`, id, ip);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(ctx, id, true, trx);
    const d = canTransition(actor, row.status, to);
    if (!d.allowed)
      throw new DomainError('invalid_state', { zh: d.zh, en: d.en, params: { reason: d.code } });
    const now = ctx.now();
    const set: Record<string, unknown> = {
      status: to,
      updated_at: now,
      content: JSON.stringify({ ...row.content, status: to }),
    };
    if (to === 'published') {
      const parsed = importCall({ ...row.content, status: 'published' });
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
    if (to === 'closed') set.closed_at = now;
    await updateCall(trx, id, set);
    await appendAudit(trx, {
      actor: who(actor, ip),
      action: to === 'published' ? 'call.publish' : 'call.close',
      objectType: 'call',
      objectId: id,
      before: { status: row.status },
      after: { status: to },
    });
    return id;
  });
}

export async function publishCall(ctx: AppContext, actor: Actor, id: string, ip?: string) {
  await transition(ctx, actor, id, 'published', ip);
  return getCallDetail(ctx, actor, id);
}
export async function closeCall(ctx: AppContext, actor: Actor, id: string, ip?: string) {
  await transition(ctx, actor, id, 'closed', ip);
  return getCallDetail(ctx, actor, id);
}

export async function listCallsFor(
  ctx: AppContext,
  q: { status?: CallStatus; year?: number; page: number; pageSize: number },
) {
  const { total, items } = await listCalls(ctx.db, q);
  return { total, items: items.map((r) => summary(ctx, r)) };
}

/** Published calls still open (or not yet open) at server time: the public list. */
export async function listOpen(ctx: AppContext) {
  const rows = await listOpenCalls(ctx.db, ctx.now());
  return { total: rows.length, items: rows.map((r) => summary(ctx, r)) };
}

/** Canonical JSON of a complete call (call.io exportCall). */
export async function exportCallJson(ctx: AppContext, actor: Actor, id: string, ip?: string) {
  const { row, call } = await loadCall(ctx, id);
  const text = exportCall(call);
  await auditEvent(ctx.db, {
    actor: who(actor, ip),
    action: 'call.export',
    objectType: 'call',
    objectId: id,
  });
  return { text, filename: `call-${row.year ?? 'draft'}-${id.slice(0, 8)}.json` };
}
