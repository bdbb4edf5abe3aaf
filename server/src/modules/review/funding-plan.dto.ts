/** A funding plan's rows → the answer funding-plan.schema.ts describes, with the workflow's actions. */
import type { Actor } from '../../platform/roles.js';
import type { ReviewCandidate } from '../applications/index.js';
import type { Call } from '../calls/index.js';
import type { FundingPlanLineRow, FundingPlanRow } from './funding-plan.repo.js';
import type { FundingPlan } from './funding-plan.schema.js';
import { FUNDING_PLAN, FUNDING_PLAN_STATUS } from './funding-plan.workflow.js';

export interface RankedFacts {
  complete: boolean;
  /** per application, its place in its direction and the score it is ranked by */
  places: ReadonlyMap<string, { rank: number; score: number }>;
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

export function fundingPlanDto(
  p: FundingPlanRow,
  lines: readonly FundingPlanLineRow[],
  call: Call,
  candidates: ReadonlyMap<string, ReviewCandidate>,
  ranked: RankedFacts,
  noticeId: string | null,
  actor: Actor | null,
): FundingPlan {
  const { actions, denials } = FUNDING_PLAN.available(actor, { status: p.status, lines: lines.length });
  const directions = call.topics.flatMap((t) => t.directions);
  const out = lines.map((l) => {
    const c = candidates.get(l.application_id);
    const place = ranked.places.get(l.application_id);
    return {
      rank: l.rank,
      applicationId: l.application_id,
      receiptNumber: c?.receiptNumber ?? null,
      projectTitle: c?.projectTitle ?? null,
      orgName: c?.orgName ?? null,
      directionCode: c?.directionCode ?? '',
      directionTitle: c?.directionTitle ?? '',
      requestedFen: c?.requestedGrantFen ?? null,
      firstYearRequestFen: c?.firstYearRequestFen ?? null,
      grantFen: Number(l.grant_fen),
      firstYearFen: Number(l.first_year_fen),
      reason: l.reason,
      finalRank: place?.rank ?? null,
      score: place?.score ?? null,
    };
  });
  return {
    id: p.id,
    callId: p.call_id,
    callName: call.title,
    title: p.title,
    budgetFen: num(p.budget_fen),
    totalGrantFen: out.reduce((s, l) => s + l.grantFen, 0),
    totalFirstYearFen: out.reduce((s, l) => s + l.firstYearFen, 0),
    status: p.status,
    statusLabel: FUNDING_PLAN_STATUS[p.status],
    consultation: p.consulted_on
      ? {
          on: p.consulted_on,
          body: p.consultation_body ?? '',
          note: p.consultation_note ?? '',
          fileId: p.consultation_file_id,
        }
      : null,
    reopenReason: p.reopen_reason,
    rankingComplete: ranked.complete,
    lines: out,
    directions: directions.map((d) => {
      const mine = out.filter((l) => l.directionCode === d.code);
      return {
        code: d.code,
        title: d.title,
        projectCount: d.fundingRules.projectCount ?? null,
        capPerProjectFen: d.fundingRules.capPerProjectFen,
        firstYearCapFen: d.fundingRules.firstYearCapFen ?? null,
        lines: mine.length,
        grantFen: mine.reduce((s, l) => s + l.grantFen, 0),
      };
    }),
    noticeId,
    version: p.version,
    actions,
    denials,
  };
}
