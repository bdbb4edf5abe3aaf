/**
 * How a recommendation is explained (issue 11, "No developer words on screen"): with meaningful terms
 * only — no single Chinese character (一, 可, 秒), no bare number (3, 0.1), no stop-word — and a
 * relevance level in words instead of the raw BM25 score. A hit explained by no meaningful term, or far
 * below the best hit of its list, is not suggested at all.
 */

/** Function words that carry no meaning on their own (the tokenizer drops most; matches may keep them). */
const STOP_TERMS = new Set(
  (
    '的 了 和 与 及 或 等 在 是 对 用 于 为 由 以 被 把 从 中 其 将 也 而 并 且 之 所 该 此 这 那 个 种 可 一 ' +
    '一种 所述 以及 进行 通过 具有 包括 其中 一个 可以 能够 用于 使得 从而 及其 或者 以上 以下 我们 需要 ' +
    '提供 实现 采用 相关 问题 方法 要求 以内 不超过 小于 大于 达到 左右 情况 方面 主要 目前 基于 ' +
    'the a an of and or to in for on with by is are be as at from'
  ).split(' '),
);
const HAN = /\p{Script=Han}/u;
/** a number, with an optional unit of at most two letters or a %: 3, 0.1, 10kg, 95% */
const NUMBERISH = /^[\d.,:%+\-−~]+([a-zA-Zμ]{0,2}|%)?$/u;

/** Whether a matched term means something on its own. */
export function isMeaningfulTerm(term: string): boolean {
  const t = term.trim().toLowerCase();
  if (t.length === 0 || STOP_TERMS.has(t)) return false;
  if (NUMBERISH.test(t)) return false;
  const chars = [...t];
  if (chars.length === 1) return false; // one Chinese character or one letter
  if (!HAN.test(t) && chars.length < 2) return false;
  return true;
}

/** The matched terms worth showing, in their order, without repeats. */
export function meaningfulTerms(terms: readonly string[]): string[] {
  return [...new Set(terms.filter(isMeaningfulTerm))];
}

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
