import type { BenchQuery } from './corpus.js';

/** nDCG@k with gains 2^grade − 1 and the ideal ranking of all judged documents. */
export function ndcgAt(ranked: readonly string[], rel: Map<string, number>, k = 10): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const g = rel.get(ranked[i]) ?? 0;
    if (g > 0) dcg += (2 ** g - 1) / Math.log2(i + 2);
  }
  const ideal = [...rel.values()].sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += (2 ** g - 1) / Math.log2(i + 2)));
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Share of the relevant documents found in the first k. */
export function recallAt(ranked: readonly string[], rel: Map<string, number>, k = 100): number {
  if (rel.size === 0) return 0;
  let hit = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if ((rel.get(ranked[i]) ?? 0) > 0) hit++;
  return hit / rel.size;
}

/** Reciprocal rank of the first relevant document within the first k (0 if none). */
export function rrAt(ranked: readonly string[], rel: Map<string, number>, k = 10): number {
  for (let i = 0; i < Math.min(k, ranked.length); i++) if ((rel.get(ranked[i]) ?? 0) > 0) return 1 / (i + 1);
  return 0;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Quality {
  ndcg10: number;
  recall100: number;
  mrr10: number;
}

export function quality(results: readonly string[][], queries: readonly BenchQuery[]): Quality {
  let n = 0;
  let r = 0;
  let m = 0;
  results.forEach((ranked, i) => {
    n += ndcgAt(ranked, queries[i].rel, 10);
    r += recallAt(ranked, queries[i].rel, 100);
    m += rrAt(ranked, queries[i].rel, 10);
  });
  const q = Math.max(1, results.length);
  return { ndcg10: n / q, recall100: r / q, mrr10: m / q };
}
