/**
 * What a funding plan is checked against (issue 12): the call's limits, its candidates (passed
 * screening, not awarded) and its final ranking (a panel's 不建议立项 / 未到场答辩 keeps an application
 * out), read once before a transaction; and the check of a plan's lines against them, each breach on
 * its line's field (funding-plan.rules.ts checkFundingPlan).
 */
import type { AppContext } from '../../platform/context.js';
import type { Caller } from '../../platform/caller.js';
import { fieldError, type FieldError } from '../../platform/errors.js';
import { reviewCandidates } from '../applications/index.js';
import { loadCall, type Call } from '../calls/index.js';
import { callFinalRanking } from './final.service.js';
import type { RankedFacts } from './funding-plan.dto.js';
import type { FundingPlanLineRow, FundingPlanRow } from './funding-plan.repo.js';
import { checkFundingPlan, type PlanLine } from './funding-plan.rules.js';
import type { RevisePlanBody } from './funding-plan.schema.js';

export const rulesOf = (call: Call) =>
  new Map(call.topics.flatMap((t) => t.directions.map((d) => [d.code, d.fundingRules] as const)));

/** What a plan is read and checked against: the call, its candidates and its final ranking. */
export async function planFacts(ctx: AppContext, caller: Caller, callId: string) {
  const { call } = await loadCall(ctx, callId);
  const candidates = new Map((await reviewCandidates(ctx, callId)).map((c) => [c.applicationId, c]));
  const final = await callFinalRanking(ctx, caller, callId);
  const ranked: RankedFacts = {
    complete: final.complete,
    places: new Map(final.items.map((x) => [x.applicationId, { rank: x.rank, score: x.score }])),
  };
  return { call, candidates, final, ranked };
}
export type PlanFacts = Awaited<ReturnType<typeof planFacts>>;

export const NOT_FUNDABLE = new Set(['notRecommended', 'absent']);

/** The lines checked: each a candidate of the call, once, recommended where a panel sat, in every limit. */
export function lineErrors(
  facts: PlanFacts,
  lines: RevisePlanBody['lines'],
  budgetFen: number | null | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const decisions = new Map(facts.final.items.map((x) => [x.applicationId, x.panelDecision]));
  lines.forEach((l, i) => {
    const field = `lines.${i}.applicationId`;
    if (seen.has(l.applicationId))
      errors.push(fieldError(field, 'duplicate', '同一项目在计划中重复', 'The project is listed twice'));
    else if (!facts.candidates.has(l.applicationId) || facts.candidates.get(l.applicationId)!.awarded)
      errors.push(
        fieldError(
          field,
          'not_candidate',
          '该项目不是本指南通过形式审查、尚未立项的申报，不能列入资助计划',
          'Not an application of this call that passed screening and is not awarded; it cannot be in the plan',
        ),
      );
    else if (NOT_FUNDABLE.has(decisions.get(l.applicationId) ?? ''))
      errors.push(
        fieldError(
          field,
          'plan.notRecommended',
          '见面会评审结论为不建议立项或未到场答辩，不能列入资助计划',
          'The panel did not recommend it, or it did not attend: it cannot be in the plan',
        ),
      );
    seen.add(l.applicationId);
  });
  if (errors.length) return errors;
  const planLines: PlanLine[] = lines.map((l) => {
    const c = facts.candidates.get(l.applicationId)!;
    return {
      applicationId: l.applicationId,
      directionCode: c.directionCode,
      orgId: c.orgId,
      requestedFen: c.requestedGrantFen ?? l.grantFen,
      grantFen: l.grantFen,
      firstYearFen: l.firstYearFen,
      ...(l.reason ? { reason: l.reason } : {}),
    };
  });
  return checkFundingPlan(planLines, {
    rules: rulesOf(facts.call),
    ...(budgetFen != null ? { totalBudgetFen: budgetFen } : {}),
  }).map((e) => (e.field === 'total' ? { ...e, field: 'budgetFen' } : e));
}

export const bodyLines = (lines: readonly FundingPlanLineRow[]): RevisePlanBody['lines'] =>
  lines.map((l) => ({
    applicationId: l.application_id,
    grantFen: Number(l.grant_fen),
    firstYearFen: Number(l.first_year_fen),
    ...(l.reason ? { reason: l.reason } : {}),
  }));
export const budgetOf = (p: FundingPlanRow) => (p.budget_fen === null ? null : Number(p.budget_fen));

export const lineRows = (planId: string, lines: RevisePlanBody['lines']) =>
  lines.map((l, i) => ({
    plan_id: planId,
    application_id: l.applicationId,
    rank: i + 1,
    grant_fen: l.grantFen,
    first_year_fen: l.firstYearFen,
    reason: l.reason?.trim() || null,
  }));
