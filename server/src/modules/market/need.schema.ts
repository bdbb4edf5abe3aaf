import { z } from 'zod';
import { Denial, Fen, Field, Keywords, Label, OrgBrief } from './common.schema.js';
import { NEED_STATUS_NAMES } from './need.workflow.js';

export const CONFIDENTIALITY = ['public', 'summaryOnly', 'private'] as const;

const budgetRefine = (
  v: { budgetMinFen?: number | null; budgetMaxFen?: number | null },
  c: z.RefinementCtx,
) => {
  if (v.budgetMinFen != null && v.budgetMaxFen != null && v.budgetMinFen > v.budgetMaxFen)
    c.addIssue({
      code: 'custom',
      path: ['budgetMaxFen'],
      message: '预算上限不能低于下限 / The budget maximum is below the minimum',
    });
};

const NeedFields = z.object({
  title: z.string().trim().min(4).max(200),
  problem: z.string().trim().min(1).max(5000).describe('问题：现状、瓶颈、场景'),
  indicators: z
    .array(z.string().trim().min(1).max(300))
    .max(20)
    .default([])
    .describe('期望指标, one per line'),
  keywords: Keywords.default([]),
  field: Field,
  budgetMinFen: Fen.nullish(),
  budgetMaxFen: Fen.nullish(),
  deadline: z.iso.date().nullish().describe('YYYY-MM-DD, Asia/Shanghai'),
  confidentiality: z
    .enum(CONFIDENTIALITY)
    .default('public')
    .describe(
      'public; summaryOnly: only the summary is shown to others; private: only matched, never listed',
    ),
  summary: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .describe('shown to others when confidentiality = summaryOnly'),
});
const summaryRequired = (v: { confidentiality?: string; summary?: string | null }, c: z.RefinementCtx) => {
  if (v.confidentiality === 'summaryOnly' && !v.summary?.trim())
    c.addIssue({
      code: 'custom',
      path: ['summary'],
      message: '仅公开摘要时必须填写摘要 / A summary is required when only the summary is public',
    });
};
export const CreateNeedBody = NeedFields.superRefine(budgetRefine).superRefine(summaryRequired);
export type CreateNeedBody = z.infer<typeof CreateNeedBody>;
export const PatchNeedBody = NeedFields.partial()
  .extend({ version: z.number().int().min(1) })
  .superRefine(budgetRefine);
export type PatchNeedBody = z.infer<typeof PatchNeedBody>;
export const RefineNeedBody = NeedFields.pick({
  title: true,
  problem: true,
  indicators: true,
  keywords: true,
  summary: true,
})
  .partial()
  .extend({
    version: z.number().int().min(1),
    note: z.string().trim().min(2).max(1000).describe('what the technology manager changed and why'),
  });
export type RefineNeedBody = z.infer<typeof RefineNeedBody>;
export const QualityCheckBody = NeedFields.pick({
  problem: true,
  indicators: true,
  keywords: true,
  budgetMinFen: true,
  budgetMaxFen: true,
  deadline: true,
});

export const QualityIssue = z.object({
  code: z.enum([
    'problemTooShort',
    'noIndicator',
    'noQuantifiedIndicator',
    'budgetMissing',
    'deadlineMissing',
    'keywordsMissing',
    'vagueWords',
  ]),
  penalty: z.number().int(),
  zh: z.string(),
  en: z.string(),
  words: z.array(z.string()).optional(),
});
export const Quality = z
  .object({
    score: z.number().int().min(0).max(100),
    issues: z.array(QualityIssue),
    needsRefinement: z.boolean(),
    threshold: z.number().int(),
  })
  .meta({ id: 'NeedQuality' });

/** A need as others see it: summaryOnly needs carry no problem or indicators. */
export const PublicNeed = z
  .object({
    viewerReadsFull: z
      .boolean()
      .optional()
      .describe('on the detail: the caller may read the full need (GET …/full answers)'),
    id: z.string(),
    title: z.string(),
    problem: z.string().nullable(),
    indicators: z.array(z.string()).nullable(),
    summary: z.string().nullable(),
    keywords: z.array(z.string()),
    field: z.string(),
    region: z.string(),
    budgetMinFen: z.number().nullable(),
    budgetMaxFen: z.number().nullable(),
    deadline: z.string().nullable(),
    confidentiality: z.enum(CONFIDENTIALITY),
    status: z.enum(NEED_STATUS_NAMES),
    org: OrgBrief,
    challengeId: z.string().nullable(),
    publishedAt: z.string().nullable(),
    solutionCount: z.number().int(),
  })
  .meta({ id: 'PublicNeed' });

export const Need = PublicNeed.extend({
  problem: z.string(),
  indicators: z.array(z.string()),
  quality: Quality,
  refinedBy: z.string().nullable(),
  refinedAt: z.string().nullable(),
  statusLabel: Label,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.string()).describe('what the caller may do now: edit, publish, close, refine, answer'),
  denials: z.array(Denial).describe('why the other actions of this state are not available to the caller'),
}).meta({ id: 'Need' });

export const NeedQuery = z.object({
  field: z.string().max(40).optional(),
  challengeId: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const MyNeedQuery = NeedQuery.extend({
  status: z.enum(NEED_STATUS_NAMES).optional(),
  flagged: z.coerce.boolean().optional().describe('techManager: every published need flagged for refinement'),
});
export type MyNeedQuery = z.infer<typeof MyNeedQuery>;
export const PublicNeedPage = z.object({ total: z.number().int(), items: z.array(PublicNeed) });
export const NeedPage = z.object({ total: z.number().int(), items: z.array(Need) });
export const VersionBody = z.object({ version: z.number().int().min(1).optional() });
