import { z } from 'zod';
import { Denial, Fen, Keywords, Label, OrgBrief } from './common.schema.js';
import { REJECT_REASON_NAMES, SOLUTION_STATUS_NAMES } from './solution.rules.js';
import { SOLUTION_ACTIONS } from './solution.workflow.js';

export const CreateSolutionBody = z.object({
  title: z.string().trim().min(4).max(200),
  summary: z.string().trim().min(20).max(5000).describe('方案摘要：技术路线、可达指标'),
  approach: z.string().trim().max(10000).default(''),
  keywords: Keywords.default([]),
  trl: z.number().int().min(1).max(9).nullish(),
  quoteFen: Fen.nullish().describe('报价, fen'),
  achievementId: z
    .string()
    .nullish()
    .describe('an achievement of the solver’s institution this solution builds on'),
});
export type CreateSolutionBody = z.infer<typeof CreateSolutionBody>;

export { SOLUTION_ACTIONS } from './solution.workflow.js';
export const SolutionActionBody = z
  .object({
    reasonCode: z.enum(REJECT_REASON_NAMES).optional().describe('required for reject'),
    reasonText: z.string().trim().max(2000).optional().describe('required when reasonCode = other'),
    feedback: z.string().trim().max(4000).optional().describe('what the solver sees (阅卷意见)'),
    contractAmountFen: z.number().int().positive().max(1e15).optional().describe('required for sign'),
    note: z.string().trim().max(2000).optional(),
    version: z.number().int().min(1).optional(),
  })
  .meta({ id: 'SolutionActionBody' });
export type SolutionActionBody = z.infer<typeof SolutionActionBody>;

export const SolutionEvent = z.object({
  from: z.string().nullable(),
  to: z.string(),
  actorId: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const Solution = z
  .object({
    id: z.string(),
    needId: z.string(),
    needTitle: z.string(),
    needOrg: OrgBrief,
    title: z.string(),
    summary: z.string(),
    approach: z.string(),
    keywords: z.array(z.string()),
    trl: z.number().int().nullable(),
    quoteFen: z.number().nullable(),
    achievementId: z.string().nullable(),
    solverOrg: OrgBrief,
    solverUserId: z.string(),
    status: z.enum(SOLUTION_STATUS_NAMES),
    statusLabel: Label,
    round: z.number().int(),
    rejectReason: z.enum(REJECT_REASON_NAMES).nullable(),
    rejectReasonLabel: Label.nullable(),
    rejectText: z.string().nullable(),
    feedback: z.string().nullable().describe('阅卷意见 the solver sees'),
    contractAmountFen: z.number().nullable(),
    judgedAt: z.string().nullable(),
    shortlistedAt: z.string().nullable(),
    introducedAt: z.string().nullable(),
    signedAt: z.string().nullable(),
    expertScore: z.number().nullable().describe('mean pre-screening score in a challenge'),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    actions: z.array(z.enum(SOLUTION_ACTIONS)),
    denials: z.array(Denial).describe('why the other actions of this state are not available to the caller'),
    events: z.array(SolutionEvent),
  })
  .meta({ id: 'Solution' });

export const SolutionList = z.object({ total: z.number().int(), items: z.array(Solution) });
export const SolutionQuery = z.object({
  status: z.enum(SOLUTION_STATUS_NAMES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
