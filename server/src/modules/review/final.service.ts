/**
 * A call's final ranking (issue 12; seed 000 §四, seed 003 table 1-8): one-round calls (2021, 2022)
 * rank by the remote review; two-round calls (2023) rank the shortlisted applications by the panel's
 * scores, leaving out those that did not attend (panel.rules.ts, shortlist.rules.ts). It is what the
 * funding plan and the public notice are drafted from.
 */
import type { AppContext } from '../../platform/context.js';
import type { Caller } from '../../platform/caller.js';
import { loadCall } from '../calls/index.js';
import { slotsOfRound } from './panel.repo.js';
import { countedPanelScores } from './panel.rules.js';
import type { PanelDecision } from './panel.workflow.js';
import { roundsOfCall } from './review.repo.js';
import { roundRanking } from './results.service.js';
import { finalRanking } from './shortlist.rules.js';
import { ROUND } from './review.workflow.js';

export async function callFinalRanking(ctx: AppContext, _caller: Caller, callId: string) {
  const { call } = await loadCall(ctx, callId);
  const rounds = await roundsOfCall(ctx.db, callId);
  const first = rounds.find((r) => r.round_no === 1);
  const panel = rounds.find((r) => r.round_no === 2);
  const mode = call.reviewMode;
  if (!first) return { callId, reviewMode: mode, complete: false, items: [] };
  const r1 = await roundRanking(ctx, first, false);
  const decisions = new Map<string, PanelDecision | null>();
  let scores = new Map<string, number>();
  if (mode === 'twoRounds' && panel) {
    const r2 = await roundRanking(ctx, panel, false);
    for (const s of await slotsOfRound(ctx.db, panel.id)) decisions.set(s.application_id, s.decision);
    scores = countedPanelScores(new Map(r2.ranked.map((x) => [x.applicationId, x.trimmedMean])), decisions);
  }
  const closed = (r: typeof first | undefined) => r?.status === ROUND.state.closed;
  const ranked = finalRanking(mode, r1.ranked, scores);
  return {
    callId,
    reviewMode: mode,
    complete: mode === 'oneRound' ? closed(first) : closed(first) && closed(panel),
    items: ranked.map((x) => {
      const c = r1.candidates.get(x.applicationId);
      return {
        applicationId: x.applicationId,
        receiptNumber: c?.receiptNumber ?? null,
        projectTitle: c?.projectTitle ?? null,
        orgName: c?.orgName ?? null,
        directionCode: x.directionCode,
        directionTitle: c?.directionTitle ?? '',
        rank: x.rank,
        score: x.score,
        round1Rank: x.round1Rank,
        panelScore: x.panelScore,
        panelDecision: decisions.get(x.applicationId) ?? null,
        requestedGrantFen: c?.requestedGrantFen ?? null,
      };
    }),
  };
}
