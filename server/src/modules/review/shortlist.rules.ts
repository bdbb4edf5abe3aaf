/**
 * From round 1 to the final ranking (issue 12). Whether a call has one or two rounds is call data
 * (`reviewMode`: 2021 and 2022 had the remote round only, 2023 two rounds — seed 003 table 1-8, seed
 * 000 §四). In a two-round call the best `shortlistQuota[direction]` of each direction's round-1
 * ranking go to the panel (入围见面会); the final score is the panel's, or both rounds combined by the
 * call's weights. In a one-round call the round-1 ranking is final. Ties keep the round-1 order.
 */
import type { ReviewMode } from '../calls/index.js';
import type { Ranked } from './aggregation.rules.js';

export interface ShortlistEntry {
  applicationId: string;
  directionCode: string;
  round1Rank: number;
  round1Score: number;
}

/** The applications that go to the panel: per direction the best N of round 1 (all when no quota is set). */
export function shortlist(
  round1: readonly Ranked[],
  quota: Readonly<Record<string, number>> = {},
): ShortlistEntry[] {
  return round1
    .filter((r) => r.rank <= (quota[r.directionCode] ?? Infinity))
    .map((r) => ({
      applicationId: r.applicationId,
      directionCode: r.directionCode,
      round1Rank: r.rank,
      round1Score: r.trimmedMean,
    }));
}

export interface FinalEntry {
  applicationId: string;
  directionCode: string;
  score: number;
  rank: number;
  round1Rank: number;
  panelScore: number | null;
}

/**
 * The final ranking per direction. One round: round 1 as it is. Two rounds: the shortlisted ones only,
 * by the panel score (or by round1 × w1 + round2 × w2 over w1 + w2); an application without a panel
 * score is left out of the final ranking (it did not defend).
 */
export function finalRanking(
  mode: ReviewMode,
  round1: readonly Ranked[],
  panel: ReadonlyMap<string, number> = new Map(),
  opts: { quota?: Readonly<Record<string, number>>; combine?: { round1: number; round2: number } } = {},
): FinalEntry[] {
  if (mode === 'oneRound')
    return round1.map((r) => ({
      applicationId: r.applicationId,
      directionCode: r.directionCode,
      score: r.trimmedMean,
      rank: r.rank,
      round1Rank: r.rank,
      panelScore: null,
    }));
  const w = opts.combine;
  const scored = shortlist(round1, opts.quota)
    .filter((s) => panel.has(s.applicationId))
    .map((s) => {
      const p = panel.get(s.applicationId)!;
      const score = w ? (s.round1Score * w.round1 + p * w.round2) / (w.round1 + w.round2) : p;
      return { ...s, panelScore: p, score: Math.round(score * 100) / 100 };
    });
  const byDirection = new Map<string, typeof scored>();
  for (const s of scored)
    (byDirection.get(s.directionCode) ?? byDirection.set(s.directionCode, []).get(s.directionCode)!).push(s);
  return [...byDirection]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .flatMap(([, list]) =>
      [...list]
        .sort((a, b) => b.score - a.score || a.round1Rank - b.round1Rank)
        .map((s, i) => ({
          applicationId: s.applicationId,
          directionCode: s.directionCode,
          score: s.score,
          rank: i + 1,
          round1Rank: s.round1Rank,
          panelScore: s.panelScore,
        })),
    );
}
