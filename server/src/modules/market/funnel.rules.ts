/**
 * The market funnel and the match rate (对接率). Stages count needs, not solutions: a need is
 * "answered" when it has at least one solution, "shortlisted" when one was shortlisted, and so on.
 */
export interface FunnelCounts {
  published: number;
  answered: number;
  shortlisted: number;
  introduced: number;
  signed: number;
  /** sum of signed contract amounts, fen */
  signedAmountFen: number;
}

export const MATCH_RATE_DEFINITION = {
  zh: '对接率 = 至少有一个方案进入“对接引荐”（或之后的洽谈、签约）阶段的已发布需求数 ÷ 已发布需求数',
  en: 'Match rate = published needs with at least one solution introduced (or later: negotiating, signed) ÷ published needs',
  numerator: 'introduced',
  denominator: 'published',
  benchmark: {
    value: 0.67,
    zh: 'InnoMatch 全球技术供需对接平台：累计征集企业需求超6700项，对接率超67%（沪科提复〔2025〕62号）',
    en: 'InnoMatch global supply-demand platform: over 6,700 enterprise needs, match rate over 67% (沪科提复〔2025〕62号)',
  },
} as const;

/** Exact ratio as numerator/denominator plus a rounded decimal (4 places); null when nothing is published. */
export function matchRate(c: Pick<FunnelCounts, 'published' | 'introduced'>): {
  numerator: number;
  denominator: number;
  value: number | null;
} {
  return {
    numerator: c.introduced,
    denominator: c.published,
    value: c.published === 0 ? null : Math.round((c.introduced / c.published) * 10000) / 10000,
  };
}

/** Stage-to-stage conversion rates of a funnel (null where the earlier stage is empty). */
export function conversions(
  c: FunnelCounts,
): Record<'answered' | 'shortlisted' | 'introduced' | 'signed', number | null> {
  const r = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);
  return {
    answered: r(c.answered, c.published),
    shortlisted: r(c.shortlisted, c.answered),
    introduced: r(c.introduced, c.shortlisted),
    signed: r(c.signed, c.introduced),
  };
}
