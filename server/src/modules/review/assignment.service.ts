/**
 * One assignment at a time (issue 12): staff change an expert or add one where an application is
 * short, always with a reason and never against a conflict rule (the refusal names the rule); an
 * expert accepts, or declines — declaring a conflict of interest if there is one (EU Funding &
 * Tenders: an expert who finds a conflict declines) — and the best conflict-free expert with load left
 * takes the place at once, or staff are told that nobody could.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DB } from '../../platform/db-types.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, validationError, type FieldError } from '../../platform/errors.js';
import { candidatesOf, maxLoads, poolMember, roundFacts, type RoundFacts } from './assign.service.js';
import { replacementFor } from './assignment.rules.js';
import {
  assignmentsOfRound,
  findAssignment,
  findRound,
  insertAssignments,
  LIVE,
  updateAssignment,
  type AssignmentRow,
  type RoundRow,
} from './review.repo.js';
import { capacityLeft } from './round.rules.js';
import { stale } from './round.service.js';
import type { ChangeBody, DeclineBody, VersionBody } from './review.schema.js';
import { ASSIGNMENT, ROUND, type AssignmentRef } from './review.workflow.js';

const isLive = (a: AssignmentRow) => (LIVE as readonly string[]).includes(a.status);
export const refOf = (a: AssignmentRow, r: RoundRow): AssignmentRef => ({
  status: a.status,
  expertUserId: a.expert_user_id,
  roundStatus: r.status,
});

async function lockBoth(trx: Kysely<DB>, assignmentId: string) {
  const a = await findAssignment(trx, assignmentId, true);
  if (!a) throw new DomainError('not_found', { zh: '评审任务不存在', en: 'No such review assignment' });
  const r = (await findRound(trx, a.round_id, true))!;
  return { a, r };
}

/** Why an expert may not take a place on an application of the round (empty: they may). */
function placeErrors(
  facts: RoundFacts,
  rows: readonly AssignmentRow[],
  applicationId: string,
  expertUserId: string,
) {
  const errors: FieldError[] = [];
  const f = (code: string, zh: string, en: string) => errors.push(fieldError('expertUserId', code, zh, en));
  const { inPool, available } = poolMember(facts, expertUserId);
  if (!inPool)
    f('not_in_pool', '该专家不在专家库中或已停用', 'The expert is not an active member of the pool');
  else if (!available)
    f(
      'unavailable',
      '该专家在评审期间不可参加（可参评时间）',
      'The expert is not available during the round',
    );
  for (const x of facts.excluded.get(applicationId) ?? [])
    if (x.expertUserId === expertUserId)
      for (const c of x.conflicts) f(`conflict_${c.code}`, `回避规则：${c.zh}`, `Conflict rule: ${c.en}`);
  if (rows.some((a) => isLive(a) && a.application_id === applicationId && a.expert_user_id === expertUserId))
    f('already_assigned', '该专家已在评审此项目', 'The expert already reviews this application');
  const used = rows.filter((a) => isLive(a) && a.expert_user_id === expertUserId).length;
  if (inPool && used >= inPool.maxLoadPerRound)
    f(
      'over_load',
      `该专家本轮已评审 ${used} 项，达到上限 ${inPool.maxLoadPerRound} 项`,
      `The expert already has ${used} of ${inPool.maxLoadPerRound} applications in this round`,
    );
  return errors;
}

async function insertOne(
  trx: Kysely<DB>,
  caller: Caller,
  facts: RoundFacts,
  round: RoundRow,
  applicationId: string,
  expertUserId: string,
  source: 'staff' | 'replacement',
  reason: string | null,
) {
  const aff = facts.affinity.get(applicationId)?.get(expertUserId);
  const id = randomUUID();
  await insertAssignments(trx, [
    {
      id,
      round_id: round.id,
      application_id: applicationId,
      expert_user_id: expertUserId,
      affinity: aff?.score ?? 0,
      matched_terms: JSON.stringify(aff?.matchedTerms ?? []),
      source,
      change_reason: reason,
      decline_reason: null,
      created_by: caller.actor.userId,
      created_at: caller.now,
      updated_at: caller.now,
    },
  ]);
  return id;
}

async function tellExpert(ctx: AppContext, trx: Kysely<DB>, round: RoundRow, expertUserId: string) {
  if (round.status !== ROUND.state.open) return; // experts are told when the round opens
  await ctx.notify?.notify(trx, [expertUserId], {
    kind: 'review.assignment.added',
    titleZh: '您有新的评审任务',
    titleEn: 'You have a new review task',
    body: '您被邀请评审一个项目，请在评审截止时间前接受并提交评分；如存在利益关系，请申报回避。',
    bodyEn:
      'You are invited to review one application. Accept and submit before the deadline; decline and declare any conflict of interest.',
    link: '/review/tasks',
    email: true,
  });
}

/** Staff put another expert in an assignment's place, with the reason. */
export async function changeExpert(ctx: AppContext, caller: Caller, assignmentId: string, body: ChangeBody) {
  const pre = await findAssignment(ctx.db, assignmentId);
  if (!pre) throw new DomainError('not_found', { zh: '评审任务不存在', en: 'No such review assignment' });
  const facts = await roundFacts(
    ctx,
    (await findRound(ctx.db, pre.round_id))!,
    caller.now,
    pre.application_id,
  );
  await transaction(ctx, async (trx) => {
    const { a, r } = await lockBoth(trx, assignmentId);
    const what = {
      action: 'review.assignment.change',
      objectType: 'review.assignment',
      objectId: a.id,
      trx,
    };
    await enforce(ctx, caller, ROUND.decide(caller.actor, r, 'change'), what);
    await enforce(ctx, caller, ASSIGNMENT.decide(caller.actor, refOf(a, r), 'replace'), what);
    stale(a, body.version);
    const rows = (await assignmentsOfRound(trx, r.id)).filter((x) => x.id !== a.id);
    const errors = placeErrors(facts, rows, a.application_id, body.expertUserId);
    if (errors.length) throw validationError(errors);
    await updateAssignment(trx, a.id, {
      status: ASSIGNMENT.transition(refOf(a, r), 'replace')!.to,
      change_reason: body.reason,
      version: a.version + 1,
      updated_at: caller.now,
    });
    const id = await insertOne(
      trx,
      caller,
      facts,
      r,
      a.application_id,
      body.expertUserId,
      'staff',
      body.reason,
    );
    await tellExpert(ctx, trx, r, body.expertUserId);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.assignment.change',
      objectType: 'review.assignment',
      objectId: a.id,
      before: { expertUserId: a.expert_user_id, status: a.status },
      after: { expertUserId: body.expertUserId, assignmentId: id, reason: body.reason },
    });
  });
}

/** Staff add an expert to an application of the round (one short of experts), with the reason. */
export async function addExpert(
  ctx: AppContext,
  caller: Caller,
  roundId: string,
  body: { applicationId: string; expertUserId: string; reason: string },
) {
  const pre = await findRound(ctx.db, roundId);
  if (!pre) throw new DomainError('not_found', { zh: '评审轮次不存在', en: 'No such review round' });
  const facts = await roundFacts(ctx, pre, caller.now, body.applicationId);
  if (!facts.applications.some((a) => a.applicationId === body.applicationId))
    throw validationError([
      fieldError(
        'applicationId',
        'not_in_round',
        '该项目不在本轮评审范围内',
        'The application is not reviewed in this round',
      ),
    ]);
  let id = '';
  await transaction(ctx, async (trx) => {
    const r = (await findRound(trx, roundId, true))!;
    const what = {
      action: 'review.assignment.add',
      objectType: 'review.round',
      objectId: roundId,
      trx,
    };
    await enforce(ctx, caller, ROUND.decide(caller.actor, r, 'change'), what);
    const rows = await assignmentsOfRound(trx, r.id);
    const errors = placeErrors(facts, rows, body.applicationId, body.expertUserId);
    if (errors.length) throw validationError(errors);
    id = await insertOne(trx, caller, facts, r, body.applicationId, body.expertUserId, 'staff', body.reason);
    await tellExpert(ctx, trx, r, body.expertUserId);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.assignment.add',
      objectType: 'review.assignment',
      objectId: id,
      after: body,
    });
  });
  return id;
}

/** The assigned expert accepts the task. */
export async function acceptAssignment(
  ctx: AppContext,
  caller: Caller,
  assignmentId: string,
  body: VersionBody,
) {
  await transaction(ctx, async (trx) => {
    const { a, r } = await lockBoth(trx, assignmentId);
    await enforce(ctx, caller, ASSIGNMENT.decide(caller.actor, refOf(a, r), 'accept'), {
      action: 'review.assignment.accept',
      objectType: 'review.assignment',
      objectId: a.id,
      trx,
    });
    stale(a, body.version);
    await updateAssignment(trx, a.id, {
      status: ASSIGNMENT.transition(refOf(a, r), 'accept')!.to,
      version: a.version + 1,
      updated_at: caller.now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.assignment.accept',
      objectType: 'review.assignment',
      objectId: a.id,
      before: { status: a.status },
      after: { status: ASSIGNMENT.state.accepted },
    });
  });
}

/**
 * The expert declines, declaring a conflict of interest or not; the best conflict-free expert with load
 * left (never one who declared a conflict on it) takes the place, or staff are told nobody could.
 */
export async function declineAssignment(
  ctx: AppContext,
  caller: Caller,
  assignmentId: string,
  body: DeclineBody,
) {
  const pre = await findAssignment(ctx.db, assignmentId);
  if (!pre) throw new DomainError('not_found', { zh: '评审任务不存在', en: 'No such review assignment' });
  const facts = await roundFacts(
    ctx,
    (await findRound(ctx.db, pre.round_id))!,
    caller.now,
    pre.application_id,
  );
  await transaction(ctx, async (trx) => {
    const { a, r } = await lockBoth(trx, assignmentId);
    await enforce(ctx, caller, ASSIGNMENT.decide(caller.actor, refOf(a, r), 'decline'), {
      action: 'review.assignment.decline',
      objectType: 'review.assignment',
      objectId: a.id,
      trx,
    });
    stale(a, body.version);
    const declined = ASSIGNMENT.transition(refOf(a, r), 'decline')!.to!;
    await updateAssignment(trx, a.id, {
      status: declined,
      decline_reason: body.reason,
      declared_conflict: body.conflict,
      version: a.version + 1,
      updated_at: caller.now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.assignment.decline',
      objectType: 'review.assignment',
      objectId: a.id,
      before: { status: a.status },
      after: { status: declined, conflict: body.conflict, reason: body.reason },
    });
    const rows = await assignmentsOfRound(trx, r.id);
    const live = rows.filter(isLive);
    const used = new Map<string, number>();
    for (const x of live) used.set(x.expert_user_id, (used.get(x.expert_user_id) ?? 0) + 1);
    const taken = new Set(
      rows
        .filter(
          (x) => x.application_id === a.application_id && (isLive(x) || x.declared_conflict || x.id === a.id),
        )
        .map((x) => x.expert_user_id),
    );
    const next = replacementFor(
      candidatesOf(facts, a.application_id),
      capacityLeft(maxLoads(facts), used),
      taken,
    );
    if (!next) {
      await ctx.notify?.notify(trx, [r.created_by], {
        kind: 'review.assignment.unreplaced',
        titleZh: '专家谢绝评审，未能自动替换',
        titleEn: 'An expert declined; no replacement was found',
        body: '一位专家谢绝了评审任务，专家库中没有无回避冲突且有余量的专家可替换，请手动补充专家。',
        bodyEn:
          'An expert declined a review task and no conflict-free expert with load left could replace them; add an expert by hand.',
        link: `/review/rounds/${r.id}`,
      });
      return;
    }
    const replacedTo = ASSIGNMENT.transition({ ...refOf(a, r), status: declined }, 'replace')!.to;
    await updateAssignment(trx, a.id, { status: replacedTo, updated_at: caller.now, version: a.version + 2 });
    const id = await insertOne(
      trx,
      caller,
      facts,
      r,
      a.application_id,
      next.expertUserId,
      'replacement',
      null,
    );
    await tellExpert(ctx, trx, r, next.expertUserId);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.assignment.replace',
      objectType: 'review.assignment',
      objectId: a.id,
      before: { status: declined },
      after: { status: replacedTo, replacement: id, affinity: next.affinity },
    });
  });
}
