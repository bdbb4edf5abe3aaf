/**
 * HTTP shapes of expert review rounds (issue 12): a round as staff create and see it, the assignment
 * table with each excluded expert's reasons, manual changes, an expert's tasks and score sheets, and
 * the round's results. Expert names are shown to staff; an applicant never reaches these routes.
 */
import { z } from 'zod';
import { DenialSchema, ZhEnSchema } from '../../platform/http/schemas.js';
import { ScoreEntrySchema, ScoreSheetSchema } from './score-sheet.schema.js';

const Instant = z.iso.datetime({ offset: true });
const Reason = z
  .string()
  .trim()
  .min(4, '请写明理由（至少 4 个字） / Give the reason (at least 4 characters)')
  .max(500);

export const CreateRoundBody = z.strictObject({
  callId: z.string().min(1).max(64),
  roundNo: z.union([z.literal(1), z.literal(2)]).describe('1: 通讯评审 remote; 2: 见面会评审 panel'),
  expertsPerApplication: z.number().int().min(1).max(15),
  blind: z.boolean().describe('hide the applicant’s identity from the experts'),
  excludeEarlierReviewers: z.boolean().default(false),
  scoreSheet: ScoreSheetSchema,
  deadlineAt: Instant.describe('scores received at or after this instant are refused'),
  /** round 2: per direction, how many of round 1's best go to the panel (absent: all scored) */
  shortlistQuota: z.record(z.string().min(1).max(20), z.number().int().min(0).max(1000)).optional(),
});
export type CreateRoundBody = z.infer<typeof CreateRoundBody>;

export const RoundQuery = z.object({ callId: z.string().min(1).max(64) });

export const VersionBody = z.strictObject({
  version: z.number().int().min(1).describe('the version read; a different current version answers 409'),
});
export type VersionBody = z.infer<typeof VersionBody>;

const Label = ZhEnSchema;
const Conflict = z.object({ code: z.string(), zh: z.string(), en: z.string() });

export const RoundSummary = z
  .object({
    id: z.string(),
    callId: z.string(),
    roundNo: z.number().int(),
    kind: z.enum(['remoteReview', 'panelReview']),
    expertsPerApplication: z.number().int(),
    blind: z.boolean(),
    excludeEarlierReviewers: z.boolean(),
    deadlineAt: z.string(),
    status: z.string(),
    statusLabel: Label,
    applications: z.number().int(),
    assignments: z.record(z.string(), z.number().int()).describe('live assignments by state'),
    version: z.number().int(),
    actions: z.array(z.string()),
    denials: z.array(DenialSchema),
  })
  .meta({ id: 'ReviewRoundSummary' });

export const AssignedExpert = z.object({
  assignmentId: z.string(),
  expertUserId: z.string(),
  expertName: z.string(),
  expertOrgName: z.string(),
  affinity: z.number(),
  matchedTerms: z.array(z.string()),
  status: z.string(),
  statusLabel: Label,
  source: z.enum(['solver', 'staff', 'replacement']),
  changeReason: z.string().nullable(),
  declineReason: z.string().nullable(),
  declaredConflict: z.boolean(),
  version: z.number().int(),
});

export const RoundApplication = z.object({
  applicationId: z.string(),
  receiptNumber: z.string().nullable(),
  projectTitle: z.string().nullable(),
  orgName: z.string().nullable(),
  directionCode: z.string(),
  directionTitle: z.string(),
  experts: z.array(AssignedExpert),
  excluded: z.array(
    z.object({ expertUserId: z.string(), expertName: z.string(), conflicts: z.array(Conflict) }),
  ),
  shortfall: z
    .object({ needed: z.number().int(), assigned: z.number().int(), zh: z.string(), en: z.string() })
    .nullable(),
});

export const RoundDetail = RoundSummary.extend({
  scoreSheet: ScoreSheetSchema,
  items: z.array(RoundApplication),
  loads: z.array(
    z.object({
      expertUserId: z.string(),
      expertName: z.string(),
      load: z.number().int(),
      capacity: z.number().int(),
    }),
  ),
  report: z
    .object({
      totalAffinity: z.number(),
      affinityBound: z.number(),
      solvedAt: z.string(),
      variables: z.number().int(),
    })
    .nullable(),
}).meta({ id: 'ReviewRoundDetail' });

export const ChangeBody = z.strictObject({
  expertUserId: z.string().min(1).max(64).describe('the expert who takes this place'),
  reason: Reason,
  version: z.number().int().min(1),
});
export type ChangeBody = z.infer<typeof ChangeBody>;

export const DeclineBody = z.strictObject({
  conflict: z.boolean().describe('true: the expert declares a conflict of interest (申报回避)'),
  reason: Reason,
  version: z.number().int().min(1),
});
export type DeclineBody = z.infer<typeof DeclineBody>;

export const ScoreBody = ScoreEntrySchema.extend({ version: z.number().int().min(1) });
export type ScoreBody = z.infer<typeof ScoreBody>;

export const ExpertTask = z
  .object({
    assignmentId: z.string(),
    roundId: z.string(),
    callId: z.string(),
    callTitle: z.string(),
    roundNo: z.number().int(),
    kind: z.enum(['remoteReview', 'panelReview']),
    blind: z.boolean(),
    deadlineAt: z.string(),
    roundStatus: z.string(),
    status: z.string(),
    statusLabel: Label,
    projectTitle: z.string(),
    directionCode: z.string(),
    total: z.number().nullable(),
    version: z.number().int(),
    actions: z.array(z.string()),
    denials: z.array(DenialSchema),
  })
  .meta({ id: 'ReviewTask' });

export const ExpertTaskDetail = ExpertTask.extend({
  document: z.object({
    project: z.object({
      title: z.string(),
      summary: z.string(),
      keywords: z.array(z.string()),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
    }),
    feasibilityPlan: z.array(z.object({ title: z.string(), text: z.string() })),
    budget: z.object({
      requestedGrantFen: z.number().nullable(),
      firstYearRequestFen: z.number().nullable(),
      selfFundingFen: z.number().nullable(),
    }),
    kpis: z.array(
      z.object({
        metric: z.string(),
        comparator: z.string(),
        value: z.number(),
        unit: z.string().nullable(),
      }),
    ),
  }),
  scoreSheet: ScoreSheetSchema,
  entry: ScoreEntrySchema,
  scoreVersion: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
}).meta({ id: 'ReviewTaskDetail' });

export const RoundResults = z
  .object({
    roundId: z.string(),
    status: z.string(),
    standardised: z.boolean(),
    submitted: z.number().int(),
    expected: z.number().int(),
    items: z.array(
      z.object({
        applicationId: z.string(),
        receiptNumber: z.string().nullable(),
        projectTitle: z.string().nullable(),
        orgName: z.string().nullable(),
        directionCode: z.string(),
        rank: z.number().int(),
        count: z.number().int(),
        mean: z.number(),
        trimmedMean: z.number(),
        min: z.number(),
        max: z.number(),
        endorsements: z.number().int(),
        warnings: z.array(
          z.object({ total: z.number(), othersMean: z.number(), zh: z.string(), en: z.string() }),
        ),
        requestedGrantFen: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewRoundResults' });

export const ResultsQuery = z.object({
  standardise: z.enum(['true', 'false']).optional().describe('z-score each expert’s totals first'),
});
