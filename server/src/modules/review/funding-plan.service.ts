/**
 * A call's funding plan (资助计划, issue 12; seed 003 §一.6(3): "根据专家评审意见并结合年度重点工作，经市
 * 财政科技投入统筹联动平台会商，确定拟立项项目清单"). Staff draft it — the server proposes the lines from the
 * final ranking within every limit (proposePlan) — revise it, record the consultation (会商), and draft
 * the public notice from it (notice.service.ts). Every saved plan passes checkFundingPlan: a plan that
 * breaks a direction's number of projects, a cap, the first-year cap or the budget is refused with the
 * rule on the line's field.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { linkFile } from '../files/index.js';
import {
  bodyLines,
  budgetOf,
  lineErrors,
  lineRows,
  NOT_FUNDABLE,
  planFacts,
  rulesOf,
  type PlanFacts,
} from './funding-plan-check.service.js';
import { fundingPlanDto } from './funding-plan.dto.js';
import { findPlan, insertPlan, linesOf, planOfCall, replaceLines, updatePlan } from './funding-plan.repo.js';
import { proposePlan } from './funding-plan.rules.js';
import type {
  ConsultPlanBody,
  DraftPlanBody,
  FundingPlan,
  ReopenPlanBody,
  RevisePlanBody,
} from './funding-plan.schema.js';
import { FUNDING_PLAN, type FundingPlanAction } from './funding-plan.workflow.js';
import { noticeIdOfPlan } from './notice.repo.js';
import { ownUpload } from './own-upload.service.js';
import { stale } from './round.service.js';

export const planNotFound = () =>
  new DomainError('not_found', { zh: '资助计划不存在', en: 'No such funding plan' });

async function planView(
  ctx: AppContext,
  caller: Caller,
  id: string,
  facts?: PlanFacts,
): Promise<FundingPlan> {
  const p = await findPlan(ctx.db, id);
  if (!p) throw planNotFound();
  const f = facts ?? (await planFacts(ctx, caller, p.call_id));
  return fundingPlanDto(
    p,
    await linesOf(ctx.db, id),
    f.call,
    f.candidates,
    f.ranked,
    await noticeIdOfPlan(ctx.db, id),
    caller.actor,
  );
}

export const getPlan = (ctx: AppContext, caller: Caller, id: string) => planView(ctx, caller, id);

export async function getPlanOfCall(ctx: AppContext, caller: Caller, callId: string) {
  const p = await planOfCall(ctx.db, callId);
  if (!p) throw planNotFound();
  return planView(ctx, caller, p.id);
}

/** Drafts the call's plan, proposed from the final ranking within every limit and the budget. */
export async function draftPlan(ctx: AppContext, caller: Caller, body: DraftPlanBody) {
  const facts = await planFacts(ctx, caller, body.callId);
  const proposal = proposePlan(
    facts.final.items.flatMap((x) => {
      const c = facts.candidates.get(x.applicationId);
      if (!c) return [];
      return [
        {
          applicationId: x.applicationId,
          directionCode: x.directionCode,
          orgId: c.orgId,
          requestedFen: c.requestedGrantFen ?? 0,
          firstYearRequestFen: c.firstYearRequestFen,
          excluded: c.awarded || NOT_FUNDABLE.has(x.panelDecision ?? ''),
        },
      ];
    }),
    {
      rules: rulesOf(facts.call),
      ...(body.budgetFen !== undefined ? { totalBudgetFen: body.budgetFen } : {}),
    },
  );
  const id = randomUUID();
  await transaction(ctx, async (trx) => {
    if (await planOfCall(trx, body.callId))
      throw new DomainError('conflict', {
        zh: '本指南已有资助计划，请在原计划上修改',
        en: 'This call already has a funding plan; revise that one',
      });
    await insertPlan(trx, {
      id,
      call_id: body.callId,
      title: body.title,
      budget_fen: body.budgetFen ?? null,
      status: FUNDING_PLAN.initial[0],
      consulted_on: null,
      consultation_body: null,
      consultation_note: null,
      consultation_file_id: null,
      reopen_reason: null,
      created_by: caller.actor.userId,
      created_at: caller.now,
      updated_at: caller.now,
    });
    await replaceLines(trx, id, lineRows(id, proposal));
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.fundingPlan.draft',
      objectType: 'review.fundingPlan',
      objectId: id,
      after: {
        callId: body.callId,
        budgetFen: body.budgetFen ?? null,
        rankingComplete: facts.final.complete,
        lines: proposal.map((l, i) => ({ rank: i + 1, ...l })),
      },
    });
  });
  return planView(ctx, caller, id, facts);
}

/** The plan locked for `action`: refused (and audited) unless the workflow allows it; not stale. */
export async function lockedPlan(
  ctx: AppContext,
  caller: Caller,
  trx: Kysely<DB>,
  id: string,
  action: FundingPlanAction,
  version: number,
) {
  const p = await findPlan(trx, id, true);
  if (!p) throw planNotFound();
  const lines = await linesOf(trx, id);
  const ref = { status: p.status, lines: lines.length };
  await enforce(ctx, caller, FUNDING_PLAN.decide(caller.actor, ref, action), {
    action: `review.fundingPlan.${action}`,
    objectType: 'review.fundingPlan',
    objectId: id,
    trx,
  });
  stale(p, version);
  return { p, ref, lines };
}

/** Replaces the lines (ranked as given), the title and the budget; the whole plan is checked. */
export async function revisePlan(ctx: AppContext, caller: Caller, id: string, body: RevisePlanBody) {
  const head = await findPlan(ctx.db, id);
  if (!head) throw planNotFound();
  const facts = await planFacts(ctx, caller, head.call_id);
  await transaction(ctx, async (trx) => {
    const { p, lines } = await lockedPlan(ctx, caller, trx, id, 'revise', body.version);
    const budget = body.budgetFen === undefined ? budgetOf(p) : body.budgetFen;
    const errors = lineErrors(facts, body.lines, budget);
    if (errors.length) throw validationError(errors);
    await replaceLines(trx, id, lineRows(id, body.lines));
    await updatePlan(trx, id, {
      ...(body.title ? { title: body.title } : {}),
      budget_fen: budget,
      updated_at: caller.now,
      version: p.version + 1,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.fundingPlan.revise',
      objectType: 'review.fundingPlan',
      objectId: id,
      before: { budgetFen: budgetOf(p), lines: bodyLines(lines) },
      after: { budgetFen: budget, lines: body.lines },
    });
  });
  return planView(ctx, caller, id, facts);
}

/** Records the consultation (会商): date, body, outcome, optionally the record file; the plan settles. */
export async function consultPlan(ctx: AppContext, caller: Caller, id: string, body: ConsultPlanBody) {
  const file = body.fileId
    ? await ownUpload(ctx, caller, body.fileId, {
        field: 'fileId',
        zh: '会商记录',
        en: 'consultation record',
      })
    : null;
  const head = await findPlan(ctx.db, id);
  if (!head) throw planNotFound();
  const facts = await planFacts(ctx, caller, head.call_id);
  await transaction(ctx, async (trx) => {
    const { p, ref, lines } = await lockedPlan(ctx, caller, trx, id, 'consult', body.version);
    // the ranking or the applications may have moved since the last revision: the plan is checked again
    const errors = lineErrors(facts, bodyLines(lines), budgetOf(p));
    if (errors.length) throw validationError(errors);
    if (file) await linkFile(trx, file.id, { objectType: 'review.fundingPlan', objectId: id });
    const to = FUNDING_PLAN.transition(ref, 'consult')!.to!;
    await updatePlan(trx, id, {
      status: to,
      consulted_on: body.consultedOn,
      consultation_body: body.body,
      consultation_note: body.note,
      consultation_file_id: file?.id ?? null,
      updated_at: caller.now,
      version: p.version + 1,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.fundingPlan.consult',
      objectType: 'review.fundingPlan',
      objectId: id,
      before: { status: p.status },
      after: {
        status: to,
        consultedOn: body.consultedOn,
        body: body.body,
        note: body.note,
        ...(file ? { fileId: file.id, sha256: file.sha256 } : {}),
      },
    });
  });
  return planView(ctx, caller, id, facts);
}

/** A consulted plan that must change goes back to draft, with the reason. */
export async function reopenPlan(ctx: AppContext, caller: Caller, id: string, body: ReopenPlanBody) {
  await transaction(ctx, async (trx) => {
    const { p, ref } = await lockedPlan(ctx, caller, trx, id, 'reopen', body.version);
    const to = FUNDING_PLAN.transition(ref, 'reopen')!.to!;
    await updatePlan(trx, id, {
      status: to,
      reopen_reason: body.reason,
      updated_at: caller.now,
      version: p.version + 1,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.fundingPlan.reopen',
      objectType: 'review.fundingPlan',
      objectId: id,
      before: { status: p.status, consultedOn: p.consulted_on },
      after: { status: to, reason: body.reason },
    });
  });
  return getPlan(ctx, caller, id);
}

/** Read before the notice's transaction (one connection in the embedded database): the plan's facts. */
export async function planFactsFor(ctx: AppContext, caller: Caller, planId: string) {
  const p = await findPlan(ctx.db, planId);
  if (!p)
    throw validationError([fieldError('planId', 'not_found', '资助计划不存在', 'No such funding plan')]);
  return { plan: p, facts: await planFacts(ctx, caller, p.call_id) };
}

/**
 * In the notice's transaction: the consulted plan, checked once more against the call and the
 * applications as they are now, goes on notice; its lines are what the notice lists.
 */
export async function takePlanForNotice(
  ctx: AppContext,
  caller: Caller,
  trx: Kysely<DB>,
  planId: string,
  facts: PlanFacts,
  noticeId: string,
) {
  const p0 = await findPlan(trx, planId, true);
  if (!p0) throw planNotFound();
  const { p, ref, lines } = await lockedPlan(ctx, caller, trx, planId, 'notice', p0.version);
  const errors = lineErrors(facts, bodyLines(lines), budgetOf(p)).map((e) => ({
    ...e,
    field: `plan.${e.field}`,
  }));
  if (errors.length) throw validationError(errors);
  const to = FUNDING_PLAN.transition(ref, 'notice')!.to!;
  await updatePlan(trx, planId, { status: to, updated_at: caller.now, version: p.version + 1 });
  await appendAudit(trx, {
    actor: auditActor(caller),
    action: 'review.fundingPlan.notice',
    objectType: 'review.fundingPlan',
    objectId: planId,
    before: { status: p.status },
    after: { status: to, noticeId },
  });
  return lines.map((l) => ({ line: l, candidate: facts.candidates.get(l.application_id)! }));
}
