/**
 * The __name__ module's services. Each takes the context and the Caller first (`fn(ctx, caller, …)`),
 * runs in one transaction (`transaction(ctx, fn)`), enforces the workflow's decision inside it
 * (`enforce(…, { trx })`: a refusal is audited after the rollback) and writes its audit record in the
 * same transaction as the change (`appendAudit(trx, { actor: auditActor(caller), … })`).
 */
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { ref__Name__, to__Name__Record } from './__name__.dto.js';
import { find__Name__, insert__Name__, list__Name__, lock__Name__, update__Name__, type __Name__Row } from './__name__.repo.js';
import { canSee__Name__, seesEvery__Name__ } from './__name__.rules.js';
import type { __Name__RecordTable } from './__name__.tables.js';
import type { __Name__ActionBody, __Name__Query, Create__Name__Body, Patch__Name__Body } from './__name__.schema.js';
import { __NAME__, type __Name__Action } from './__name__.workflow.js';

const OBJECT = '__name__.record';

export async function create__Name__(ctx: AppContext, caller: Caller, body: Create__Name__Body) {
  const id = randomUUID();
  await transaction(ctx, async (trx) => {
    await insert__Name__(trx, {
      id,
      title: body.title,
      summary: body.summary,
      amount_fen: body.amountFen ?? null,
      status: __NAME__.state.draft,
      return_reason: null,
      org_id: caller.actor.orgId,
      created_by: caller.actor.userId,
      reviewed_by: null,
      reviewed_at: null,
      created_at: caller.now,
      updated_at: caller.now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: '__name__.record.create',
      objectType: OBJECT,
      objectId: id,
      after: body,
    });
  });
  return get__Name__Record(ctx, caller, id);
}

/** A record the caller may see (else 404: the caller learns nothing of records they may not see). */
export async function get__Name__Record(ctx: AppContext, caller: Caller, id: string) {
  const r = await find__Name__(ctx.db, id);
  if (!r || !canSee__Name__(caller.actor, { orgId: r.org_id })) throw new DomainError('not_found');
  return to__Name__Record(r, caller.actor);
}

export async function list__Name__Records(ctx: AppContext, caller: Caller, q: __Name__Query) {
  const page = await list__Name__(
    ctx.db,
    { orgId: seesEvery__Name__(caller.actor) ? undefined : caller.actor.orgId, status: q.status },
    q.page,
    q.pageSize,
  );
  return { total: page.total, items: page.items.map((r) => to__Name__Record(r, caller.actor)) };
}

/**
 * One change of a record: lock it, enforce the workflow's decision for `action`, check the version
 * the caller saw, save, audit — all in one transaction.
 */
async function change__Name__(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: __Name__Action,
  version: number | undefined,
  build: (r: __Name__Row) => Updateable<__Name__RecordTable>,
) {
  await transaction(ctx, async (trx) => {
    const r = await lock__Name__(trx, id);
    if (!r || !canSee__Name__(caller.actor, { orgId: r.org_id })) throw new DomainError('not_found');
    await enforce(ctx, caller, __NAME__.decide(caller.actor, ref__Name__(r), action), {
      action: `__name__.record.${action}`,
      objectType: OBJECT,
      objectId: id,
      trx,
    });
    if (version !== undefined && version !== r.version)
      throw new DomainError('conflict', {
        zh: '记录已被他人修改，请刷新后重试',
        en: 'The record was changed by someone else; reload and try again',
        params: { currentVersion: r.version },
      });
    const to = __NAME__.transition(ref__Name__(r), action)?.to;
    const set = { ...build(r), ...(to ? { status: to } : {}) };
    await update__Name__(trx, id, { ...set, version: r.version + 1, updated_at: caller.now });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `__name__.record.${action}`,
      objectType: OBJECT,
      objectId: id,
      before: { status: r.status, version: r.version },
      after: set,
    });
  });
  return get__Name__Record(ctx, caller, id);
}

export function patch__Name__(ctx: AppContext, caller: Caller, id: string, body: Patch__Name__Body) {
  const { version, ...b } = body;
  return change__Name__(ctx, caller, id, 'edit', version, () => ({
    ...(b.title !== undefined ? { title: b.title } : {}),
    ...(b.summary !== undefined ? { summary: b.summary } : {}),
    ...(b.amountFen !== undefined ? { amount_fen: b.amountFen } : {}),
  }));
}

export function act__Name__(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: Exclude<__Name__Action, 'edit'>,
  body: __Name__ActionBody,
) {
  return change__Name__(ctx, caller, id, action, body.version, () => {
    if (action === 'submit') return { return_reason: null };
    const reviewed = { reviewed_by: caller.actor.userId, reviewed_at: caller.now };
    if (action === 'approve') return reviewed;
    if (!body.reason)
      throw validationError([
        fieldError('reason', 'required', '退回时请写明原因', 'Give the reason for returning the record'),
      ]);
    return { ...reviewed, return_reason: body.reason };
  });
}
