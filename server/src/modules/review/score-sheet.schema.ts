/**
 * The score sheet (评分表) of a review round, as call data: what an expert scores, how the scores are
 * weighted, when a comment is required and which overall recommendations they choose from. Seed 003
 * §二 B22 ③ says the remote review (通讯评审) uses an expert score sheet (专家评分表, template in its
 * 附件1, which the seed does not reproduce), so the criteria and figures are data, never code.
 */
import { z } from 'zod';

const KEY = /^[a-z][A-Za-z0-9]*$/;

export const ScoreCriterionSchema = z.strictObject({
  key: z.string().regex(KEY, 'criterion key: a lower-case letter, then letters or digits'),
  label: z.string().min(1),
  labelEn: z.string().min(1),
  /** The highest score an expert may give on this criterion (0 is the lowest). */
  maxScore: z.number().positive(),
  /** The criterion's share of the weighted total; weights need not add up to 100 (they are normalised). */
  weight: z.number().positive(),
});
export type ScoreCriterion = z.infer<typeof ScoreCriterionSchema>;

export const RecommendationOptionSchema = z.strictObject({
  key: z.string().regex(KEY, 'recommendation key: a lower-case letter, then letters or digits'),
  label: z.string().min(1),
  labelEn: z.string().min(1),
  /** Counts as a vote for funding (建议立项) in the ranking's tie-break. */
  endorses: z.boolean(),
});
export type RecommendationOption = z.infer<typeof RecommendationOptionSchema>;

export const ScoreSheetSchema = z
  .strictObject({
    criteria: z.array(ScoreCriterionSchema).min(1),
    /**
     * A criterion scored below this percentage of its maxScore needs a comment on that criterion
     * (60 → a score under 60 % of the maximum must be explained). 0 means never.
     */
    commentRequiredBelow: z.number().min(0).max(100),
    /** The overall recommendation options, e.g. 建议立项 / 可立项 / 不建议立项. */
    recommendations: z.array(RecommendationOptionSchema).min(2),
    /** Whether a submission needs the overall opinion text (专家意见). */
    overallCommentRequired: z.boolean(),
  })
  .superRefine((s, ctx) => {
    const dup = (list: { key: string }[], path: string, what: { zh: string; en: string }) => {
      const seen = new Set<string>();
      list.forEach((c, i) => {
        if (seen.has(c.key))
          ctx.addIssue({
            code: 'custom',
            path: [path, i, 'key'],
            message: `duplicate ${what.en} key ${c.key}`,
            params: { zh: `${what.zh}编码重复：${c.key}` },
          });
        seen.add(c.key);
      });
    };
    dup(s.criteria, 'criteria', { zh: '评分项', en: 'criterion' });
    dup(s.recommendations, 'recommendations', { zh: '推荐意见', en: 'recommendation' });
  });
export type ScoreSheet = z.infer<typeof ScoreSheetSchema>;

/** What an expert has typed so far: a draft may leave anything empty; a submission may not. */
export const ScoreEntrySchema = z.strictObject({
  scores: z.record(z.string(), z.number().nullable()),
  comments: z.record(z.string(), z.string()),
  recommendation: z.string().nullable(),
  overallComment: z.string(),
});
export type ScoreEntry = z.infer<typeof ScoreEntrySchema>;

/**
 * The review settings of a call that Programme II needs beyond call.schema.ts: one score sheet per
 * round and direction (or one for all directions), the round-2 shortlist quota per direction, how a
 * two-round call combines its rounds, and the public-notice length.
 */
export const ReviewSettingsSchema = z.strictObject({
  /** Direction code → sheet; the key '*' is the sheet of every direction without its own. */
  remoteSheets: z.record(z.string(), ScoreSheetSchema),
  panelSheets: z.record(z.string(), ScoreSheetSchema).optional(),
  /** Direction code → how many round-1 applications go to the panel (见面会). */
  shortlistQuota: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** Final score of a two-round call = (round1 × w1 + round2 × w2) / (w1 + w2); absent: round 2 only. */
  combineRounds: z
    .strictObject({ round1: z.number().nonnegative(), round2: z.number().nonnegative() })
    .refine((w) => w.round1 + w.round2 > 0, {
      message: 'the two weights may not both be 0',
      params: { zh: '两轮权重不能都为 0' },
    })
    .optional(),
  /** 公示 length in working days (default 5). */
  noticeWorkingDays: z.number().int().positive().optional(),
});
export type ReviewSettings = z.infer<typeof ReviewSettingsSchema>;

/** The sheet that applies to a direction: its own, else the '*' sheet. */
export function sheetFor(sheets: Record<string, ScoreSheet>, directionCode: string): ScoreSheet | undefined {
  return sheets[directionCode] ?? sheets['*'];
}
