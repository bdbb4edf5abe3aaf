/**
 * HTTP shapes of a call's funding plan (资助计划, issue 12): drafting it (the server proposes the lines
 * from the final ranking), revising the lines, the consultation (会商) and reopening, and the plan as
 * staff read it, with each direction's limits beside what the plan uses of them.
 */
import { z } from 'zod';
import { DenialSchema, ZhEnSchema } from '../../platform/http/schemas.js';
import { FUNDING_PLAN_STATUS } from './funding-plan.workflow.js';
import { DateOnly } from './notice.schema.js';

const STATES = Object.keys(FUNDING_PLAN_STATUS) as [keyof typeof FUNDING_PLAN_STATUS, ...string[]];
const Id = z.string().min(1).max(64);
const Fen = z.number().int().min(0).max(1_000_000_000_000);
const Version = z.number().int().min(1).describe('the version read; a different current version answers 409');

export const DraftPlanBody = z.strictObject({
  callId: Id,
  title: z.string().trim().min(2, '请填写计划名称 / Give the plan a title').max(200),
  budgetFen: Fen.optional().describe('年度预算安排（分）: the plan’s total may not exceed it'),
});
export type DraftPlanBody = z.infer<typeof DraftPlanBody>;

export const PlanLineBody = z.strictObject({
  applicationId: Id,
  grantFen: Fen.describe('资助金额（分）'),
  firstYearFen: Fen.describe('立项当年资助（分）'),
  reason: z
    .string()
    .trim()
    .max(500)
    .optional()
    .describe('why the grant is below the request (required then)'),
});

export const RevisePlanBody = z.strictObject({
  version: Version,
  title: z.string().trim().min(2).max(200).optional(),
  budgetFen: Fen.nullable().optional(),
  lines: z.array(PlanLineBody).max(500).describe('ranked: the first is rank 1'),
});
export type RevisePlanBody = z.infer<typeof RevisePlanBody>;

export const ConsultPlanBody = z.strictObject({
  version: Version,
  consultedOn: DateOnly.describe('会商日期 (Asia/Shanghai)'),
  body: z
    .string()
    .trim()
    .min(2)
    .max(200)
    .default('市财政科技投入统筹联动平台')
    .describe('who consulted (seed 003 §一.6(3))'),
  note: z.string().trim().min(2, '请填写会商意见 / Give the consultation’s outcome').max(2000),
  fileId: Id.optional().describe('the consultation record, uploaded first'),
});
export type ConsultPlanBody = z.infer<typeof ConsultPlanBody>;

export const ReopenPlanBody = z.strictObject({
  version: Version,
  reason: z.string().trim().min(2, '请写明退回理由 / Give the reason').max(500),
});
export type ReopenPlanBody = z.infer<typeof ReopenPlanBody>;

export const FundingPlanLine = z.object({
  rank: z.number().int(),
  applicationId: z.string(),
  receiptNumber: z.string().nullable(),
  projectTitle: z.string().nullable(),
  orgName: z.string().nullable(),
  directionCode: z.string(),
  directionTitle: z.string(),
  requestedFen: z.number().int().nullable(),
  firstYearRequestFen: z.number().int().nullable(),
  grantFen: z.number().int(),
  firstYearFen: z.number().int(),
  reason: z.string().nullable(),
  /** the final ranking's place within the direction and its score (null: not ranked) */
  finalRank: z.number().int().nullable(),
  score: z.number().nullable(),
});

export const FundingPlanDirection = z.object({
  code: z.string(),
  title: z.string(),
  projectCount: z.number().int().nullable(),
  capPerProjectFen: z.number().int(),
  firstYearCapFen: z.number().int().nullable(),
  lines: z.number().int(),
  grantFen: z.number().int(),
});

export const FundingPlan = z
  .object({
    id: z.string(),
    callId: z.string(),
    callName: z.string(),
    title: z.string(),
    budgetFen: z.number().int().nullable(),
    totalGrantFen: z.number().int(),
    totalFirstYearFen: z.number().int(),
    status: z.enum(STATES),
    statusLabel: ZhEnSchema,
    consultation: z
      .object({ on: z.string(), body: z.string(), note: z.string(), fileId: z.string().nullable() })
      .nullable(),
    reopenReason: z.string().nullable(),
    /** the final ranking was complete (every round closed) when read */
    rankingComplete: z.boolean(),
    lines: z.array(FundingPlanLine),
    directions: z.array(FundingPlanDirection),
    noticeId: z.string().nullable(),
    version: z.number().int(),
    actions: z.array(z.string()),
    denials: z.array(DenialSchema),
  })
  .meta({ id: 'ReviewFundingPlan' });
export type FundingPlan = z.infer<typeof FundingPlan>;
