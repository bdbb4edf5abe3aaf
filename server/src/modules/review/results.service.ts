/**
 * A round's results (issue 12): the submitted score sheets aggregated per application (mean, trimmed
 * mean, spread warnings, aggregation.rules.ts) and ranked per direction with the documented tie-break;
 * optionally with each expert's totals standardised first. Round 2's shortlist is taken from here.
 */
import type { AppContext } from '../../platform/context.js';
import type { Caller } from '../../platform/caller.js';
import { DomainError } from '../../platform/errors.js';
import { reviewCandidates } from '../applications/index.js';
import { aggregate, rankByDirection, standardise, type SheetScore } from './aggregation.rules.js';
import { reportOf } from './assign.service.js';
import { assignmentsOfRound, findRound, submittedScoresOfRound, type RoundRow } from './review.repo.js';
import { chosenRecommendation } from './score-sheet.rules.js';
import type { ScoreSheet } from './score-sheet.schema.js';
import { ASSIGNMENT } from './review.workflow.js';

export async function roundRanking(ctx: AppContext, round: RoundRow, standardised: boolean) {
  const sheet = round.score_sheet as ScoreSheet;
  const rows = await submittedScoresOfRound(ctx.db, round.id);
  const sheets: SheetScore[] = rows
    .filter((s) => s.total !== null)
    .map((s) => ({
      applicationId: s.application_id,
      expertUserId: s.expert_user_id,
      total: s.total!,
      endorses: chosenRecommendation(sheet, { recommendation: s.recommendation })?.endorses ?? false,
    }));
  const scored = aggregate(standardised ? standardise(sheets) : sheets);
  const scope = reportOf(round).scope;
  const candidates = (await reviewCandidates(ctx, round.call_id)).filter(
    (a) => !scope || scope.includes(a.applicationId),
  );
  const facts = new Map(candidates.map((a) => [a.applicationId, a]));
  return { ranked: rankByDirection(scored, facts), candidates: facts, submitted: rows.length, rows };
}

export async function roundResults(ctx: AppContext, _caller: Caller, id: string, standardised: boolean) {
  const r = await findRound(ctx.db, id);
  if (!r) throw new DomainError('not_found', { zh: '评审轮次不存在', en: 'No such review round' });
  const { ranked, candidates, submitted } = await roundRanking(ctx, r, standardised);
  const expected = (await assignmentsOfRound(ctx.db, id)).filter((a) =>
    [ASSIGNMENT.state.assigned, ASSIGNMENT.state.accepted, ASSIGNMENT.state.submitted].includes(
      a.status as never,
    ),
  ).length;
  return {
    roundId: r.id,
    status: r.status,
    standardised,
    submitted,
    expected,
    items: ranked.map((x) => {
      const a = candidates.get(x.applicationId);
      return {
        applicationId: x.applicationId,
        receiptNumber: a?.receiptNumber ?? null,
        projectTitle: a?.projectTitle ?? null,
        orgName: a?.orgName ?? null,
        directionCode: x.directionCode,
        rank: x.rank,
        count: x.count,
        mean: x.mean,
        trimmedMean: x.trimmedMean,
        min: x.min,
        max: x.max,
        endorsements: x.endorsements,
        // which expert gave the outlying score stays with staff's assignment table, not the ranking
        warnings: x.warnings.map((w) => ({ total: w.total, othersMean: w.othersMean, zh: w.zh, en: w.en })),
        requestedGrantFen: a?.requestedGrantFen ?? null,
      };
    }),
  };
}
