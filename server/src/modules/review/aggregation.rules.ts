/**
 * From score sheets to a ranking (issue 12, round 1): per application the mean and the trimmed mean of
 * the weighted totals (0–100, score-sheet.rules.ts weightedTotal), optional per-expert standardisation,
 * a spread warning with its figures, and the ranking per direction with a documented tie-break.
 *
 * Trimmed mean: with 5 or more scores the highest and the lowest are dropped (one each), otherwise it is
 * the mean. Standardisation: each expert's totals become z-scores over that expert's own sheets in the
 * round (an expert with fewer than 3 sheets, or no spread, keeps raw scores), rescaled to the pool's
 * mean and standard deviation, so a severe and a lenient expert count alike.
 * Spread warning: a score more than `spreadPoints` (default 20) from the mean of the others.
 * Tie-break, in order: higher trimmed mean; more endorsing recommendations (建议立项); higher lowest
 * score; earlier submission (receipt time); application id.
 */
export interface SheetScore {
  applicationId: string;
  expertUserId: string;
  /** weighted total, 0–100 */
  total: number;
  endorses: boolean;
}

export interface SpreadWarning {
  expertUserId: string;
  total: number;
  othersMean: number;
  zh: string;
  en: string;
}

export interface ApplicationScore {
  applicationId: string;
  count: number;
  mean: number;
  trimmedMean: number;
  min: number;
  max: number;
  endorsements: number;
  warnings: SpreadWarning[];
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const mean = (v: readonly number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : 0);
const sd = (v: readonly number[]) => {
  const m = mean(v);
  return Math.sqrt(mean(v.map((x) => (x - m) ** 2)));
};

export function trimmedMean(v: readonly number[]): number {
  if (v.length < 5) return mean(v);
  const s = [...v].sort((a, b) => a - b);
  return mean(s.slice(1, -1));
}

/** Each expert's totals as z-scores over their own sheets, rescaled to the pool's mean and sd. */
export function standardise(scores: readonly SheetScore[]): SheetScore[] {
  const all = scores.map((s) => s.total);
  const poolMean = mean(all);
  const poolSd = sd(all);
  const byExpert = new Map<string, number[]>();
  for (const s of scores)
    (byExpert.get(s.expertUserId) ?? byExpert.set(s.expertUserId, []).get(s.expertUserId)!).push(s.total);
  return scores.map((s) => {
    const own = byExpert.get(s.expertUserId)!;
    const d = sd(own);
    if (own.length < 3 || d === 0 || poolSd === 0) return s;
    return { ...s, total: round2(poolMean + ((s.total - mean(own)) / d) * poolSd) };
  });
}

export function aggregate(
  scores: readonly SheetScore[],
  opts: { spreadPoints?: number } = {},
): ApplicationScore[] {
  const limit = opts.spreadPoints ?? 20;
  const byApp = new Map<string, SheetScore[]>();
  for (const s of scores)
    (byApp.get(s.applicationId) ?? byApp.set(s.applicationId, []).get(s.applicationId)!).push(s);
  return [...byApp].map(([applicationId, list]) => {
    const totals = list.map((s) => s.total);
    const warnings = list.flatMap((s, i) => {
      if (list.length < 3) return [];
      const othersMean = round2(mean(totals.filter((_, j) => j !== i)));
      const gap = round2(Math.abs(s.total - othersMean));
      return gap > limit
        ? [
            {
              expertUserId: s.expertUserId,
              total: s.total,
              othersMean,
              zh: `一位专家评分${s.total}分，其他专家平均${othersMean}分，相差${gap}分（超过${limit}分）`,
              en: `One expert scored ${s.total}; the others average ${othersMean}, ${gap} points apart (over ${limit})`,
            },
          ]
        : [];
    });
    return {
      applicationId,
      count: list.length,
      mean: round2(mean(totals)),
      trimmedMean: round2(trimmedMean(totals)),
      min: Math.min(...totals),
      max: Math.max(...totals),
      endorsements: list.filter((s) => s.endorses).length,
      warnings,
    };
  });
}

export interface Ranked extends ApplicationScore {
  directionCode: string;
  rank: number;
}

/** The ranking per direction (rank 1 is best), by the tie-break above. */
export function rankByDirection(
  scored: readonly ApplicationScore[],
  facts: ReadonlyMap<string, { directionCode: string; submittedAt: string | null }>,
): Ranked[] {
  const groups = new Map<string, ApplicationScore[]>();
  for (const s of scored) {
    const d = facts.get(s.applicationId)?.directionCode ?? '';
    (groups.get(d) ?? groups.set(d, []).get(d)!).push(s);
  }
  const at = (id: string) => facts.get(id)?.submittedAt ?? '9999';
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .flatMap(([directionCode, list]) =>
      [...list]
        .sort(
          (a, b) =>
            b.trimmedMean - a.trimmedMean ||
            b.endorsements - a.endorsements ||
            b.min - a.min ||
            at(a.applicationId).localeCompare(at(b.applicationId)) ||
            a.applicationId.localeCompare(b.applicationId),
        )
        .map((s, i) => ({ ...s, directionCode, rank: i + 1 })),
    );
}
