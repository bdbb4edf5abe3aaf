/**
 * How a recommendation is explained (issue 11, "No developer words on screen"): with meaningful terms
 * only — no single Chinese character (一, 可, 秒), no bare number (3, 0.1), no stop-word — and a
 * relevance level in words instead of the raw BM25 score. A hit explained by no meaningful term, or far
 * below the best hit of its list, is not suggested at all.
 */

import { isMeaningfulTerm, meaningfulTerms } from '../search/index.js';

/** Which terms mean something is the search library's (the expert pool's affinity uses it too). */
export { isMeaningfulTerm, meaningfulTerms };

export type Relevance = 'high' | 'medium' | 'low';
export const RELEVANCE_LABELS: Record<Relevance, { zh: string; en: string }> = {
  high: { zh: '高相关', en: 'Highly relevant' },
  medium: { zh: '中相关', en: 'Relevant' },
  low: { zh: '低相关', en: 'Loosely relevant' },
};

/** Shares of the best score in the same list: ≥ 60 % high, ≥ 35 % medium, ≥ 20 % low, below: not suggested. */
export const RELEVANCE_SHARES = { high: 0.6, medium: 0.35, low: 0.2 } as const;

/** The level of a score relative to the best in its list, or null below the suggestion threshold. */
export function relevanceOf(score: number, best: number): Relevance | null {
  if (!(best > 0) || !(score > 0)) return null;
  const share = score / best;
  if (share >= RELEVANCE_SHARES.high) return 'high';
  if (share >= RELEVANCE_SHARES.medium) return 'medium';
  if (share >= RELEVANCE_SHARES.low) return 'low';
  return null;
}

export interface Explained<H> {
  hit: H;
  matchedTerms: string[];
  relevance: Relevance;
  relevanceLabel: { zh: string; en: string };
}

/**
 * The hits worth suggesting, in rank order, each with its meaningful terms and level. A hit with no
 * meaningful shared term is dropped first; the best score is taken over the hits that remain, so a list
 * whose top hit matched only on 「一」 does not make its neighbours look relevant.
 */
export function explainMatches<H extends { score: number; matchedTerms: string[] }>(
  hits: readonly H[],
): Array<Explained<H>> {
  const kept = hits
    .map((hit) => ({ hit, matchedTerms: meaningfulTerms(hit.matchedTerms) }))
    .filter((h) => h.matchedTerms.length > 0);
  const best = Math.max(0, ...kept.map((h) => h.hit.score));
  return kept.flatMap((h) => {
    const relevance = relevanceOf(h.hit.score, best);
    return relevance ? [{ ...h, relevance, relevanceLabel: RELEVANCE_LABELS[relevance] }] : [];
  });
}
