/** The projects module's HTTP shapes (Zod): agreements (任务书), tranches (拨付批次), the ledger. */
import { z } from 'zod';
import { DenialSchema, PageQuerySchema, ZhEnSchema } from '../../platform/http/schemas.js';
import { AGREEMENT } from './agreement.workflow.js';
import { TRANCHE } from './tranche.workflow.js';
import { CHANGE } from './change.workflow.js';

const Fen = z.number().int().min(0).max(1e15);
const Id = z.string().min(1).max(64);
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: 'not a calendar date',
      params: { zh: '不是有效的日期' },
    },
  );
const Cmp = z.enum(['>=', '<=', '=', '>', '<']);
const Trigger = z.enum(['award', 'midterm', 'acceptance']);

export const CreateAgreementBody = z.object({ callId: Id, applicationId: Id });
export type CreateAgreementBody = z.infer<typeof CreateAgreementBody>;

export const BudgetYearSchema = z.object({
  year: z.number().int().min(1).max(3),
  municipalFen: Fen,
  selfFundingFen: Fen,
  districtMatchingFen: Fen,
});
export const PatchAgreementBody = z.object({
  version: z.number().int().min(1),
  targets: z
    .array(z.object({ key: z.string().min(1).max(100), target: z.number().nonnegative().max(1e12) }))
    .max(50)
    .optional()
    .describe("new KPI targets by the line's key (never below the direction's KPI)"),
  budget: z
    .array(BudgetYearSchema)
    .max(3)
    .optional()
    .describe('the budget by project year; each source keeps its total'),
});
export type PatchAgreementBody = z.infer<typeof PatchAgreementBody>;

export const AgreementActionBody = z.object({
  version: z.number().int().min(1).optional(),
  reason: z
    .string()
    .trim()
    .min(2)
    .max(1000)
    .optional()
    .describe('reopen: why the agreement goes back to drafting'),
});
export type AgreementActionBody = z.infer<typeof AgreementActionBody>;

export const TrancheActionBody = z.object({
  version: z.number().int().min(1).optional(),
  note: z.string().trim().max(1000).optional().describe('request: the payment request’s note'),
  reason: z.string().trim().min(2).max(1000).optional().describe('refuse: why'),
  paidOn: Day.optional().describe('pay: the value date, YYYY-MM-DD (Beijing), not in the future'),
  paymentRef: z.string().trim().min(2).max(100).optional().describe('pay: the payment voucher number'),
});
export type TrancheActionBody = z.infer<typeof TrancheActionBody>;

export const FileChangeBody = z.object({
  kind: z.enum(['extension', 'kpiTargets', 'budget']),
  reason: z.string().trim().min(2).max(2000).describe('why the change is needed'),
  newEndDate: Day.optional().describe('extension: the new end of the execution period'),
  targets: z
    .array(z.object({ key: z.string().min(1).max(100), target: z.number().nonnegative().max(1e12) }))
    .max(50)
    .optional()
    .describe('kpiTargets: the new targets by line key'),
  budget: z.array(BudgetYearSchema).max(3).optional().describe('budget: the new budget by year'),
});
export type FileChangeBody = z.infer<typeof FileChangeBody>;
export const ChangeDecisionBody = z.object({
  version: z.number().int().min(1).optional(),
  reason: z.string().trim().min(2).max(2000).describe('why it is approved or refused'),
});
export type ChangeDecisionBody = z.infer<typeof ChangeDecisionBody>;

export const AgreementQuery = PageQuerySchema.extend({
  callId: Id.optional(),
  status: z.enum(AGREEMENT.stateNames).optional(),
});
export type AgreementQuery = z.infer<typeof AgreementQuery>;
export const CallQuery = z.object({ callId: Id });

const Actions = {
  actions: z.array(z.string()).describe('what the caller may do now'),
  denials: z.array(DenialSchema).describe('why the other actions of this state are not available'),
};

export const Tranche = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    trigger: Trigger,
    triggerLabel: ZhEnSchema,
    label: ZhEnSchema,
    percent: z.number().int(),
    amountFen: z.number().int(),
    status: z.enum(TRANCHE.stateNames),
    statusLabel: ZhEnSchema,
    requestedAt: z.string().nullable(),
    requestedBy: z.string().nullable().describe('the requester’s name'),
    requestNote: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    refuseReason: z.string().nullable(),
    paidOn: z.string().nullable(),
    paymentRef: z.string().nullable(),
    version: z.number().int(),
    ...Actions,
  })
  .meta({ id: 'Tranche' });
export type Tranche = z.infer<typeof Tranche>;

export const AgreementSummary = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    callId: z.string(),
    callTitle: z.string(),
    projectTitle: z.string(),
    orgId: z.string(),
    orgName: z.string().nullable(),
    directionCode: z.string(),
    directionTitle: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    years: z.number().int(),
    grantFen: z.number().int(),
    paidFen: z.number().int(),
    status: z.enum(AGREEMENT.stateNames),
    statusLabel: ZhEnSchema,
  })
  .meta({ id: 'AgreementSummary' });
export type AgreementSummary = z.infer<typeof AgreementSummary>;

const Confirmation = z.object({ by: z.string().nullable(), at: z.string() }).nullable();

export const ChangeRequest = z
  .object({
    id: z.string(),
    kind: z.enum(['extension', 'kpiTargets', 'budget']),
    kindLabel: ZhEnSchema,
    reason: z.string(),
    summary: ZhEnSchema.describe('what the request asks, in words'),
    status: z.enum(CHANGE.stateNames),
    statusLabel: ZhEnSchema,
    requestedBy: z.string().nullable(),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    version: z.number().int(),
    ...Actions,
  })
  .meta({ id: 'ChangeRequest' });

export const AgreementVersion = z.object({
  version: z.number().int(),
  cause: ZhEnSchema,
  changedBy: z.string().nullable(),
  changedAt: z.string(),
  endDate: z.string(),
  kpis: z.array(z.object({ key: z.string(), metric: z.string(), target: z.number(), unit: z.string() })),
  budget: z.array(BudgetYearSchema),
});

export const Agreement = AgreementSummary.extend({
  firstYearFen: z.number().int(),
  selfFundingFen: z.number().int(),
  districtMatchingFen: z.number().int(),
  kpis: z.array(
    z.object({
      key: z.string(),
      kpiId: z.string().nullable(),
      metric: z.string(),
      unit: z.string(),
      comparator: Cmp,
      target: z.number(),
      direction: z.object({ comparator: Cmp, value: z.number(), unit: z.string() }).nullable(),
      source: z.enum(['commitment', 'direction']),
    }),
  ),
  budget: z.array(BudgetYearSchema),
  milestones: z.array(
    z.object({
      key: z.enum(['midterm', 'end', 'materialsDue', 'acceptanceDue']),
      title: ZhEnSchema,
      dueDate: z.string(),
    }),
  ),
  scheduleSource: z.string(),
  tranches: z.array(Tranche),
  orgConfirmed: Confirmation,
  confirmed: Confirmation,
  reopenReason: z.string().nullable(),
  extendedTo: z.string().nullable().describe('the end date an approved extension set'),
  changes: z.array(ChangeRequest),
  history: z.array(AgreementVersion).describe('the agreement as it was before each change, oldest first'),
  canFileChange: z.boolean().describe('whether the caller may file a change request now'),
  version: z.number().int(),
  ...Actions,
}).meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof Agreement>;

export const AgreementPage = z.object({ total: z.number().int(), items: z.array(AgreementSummary) });

export const AwaitingAgreement = z
  .object({
    applicationId: z.string(),
    projectTitle: z.string(),
    orgName: z.string().nullable(),
    directionCode: z.string(),
    directionTitle: z.string(),
    grantFen: z.number().int().nullable(),
    grantSource: z.enum(['award', 'record', 'none']),
  })
  .meta({ id: 'AwaitingAgreement' });
export const AwaitingList = z.object({ items: z.array(AwaitingAgreement) });

export const Ledger = z
  .object({
    callId: z.string(),
    agreements: z.number().int(),
    grantFen: z.number().int().describe('the awarded grants of the call’s agreements'),
    byStatus: z.object({ scheduled: Fen, requested: Fen, approved: Fen, paid: Fen }),
    rows: z.array(
      z.object({
        agreementId: z.string(),
        projectTitle: z.string(),
        orgName: z.string().nullable(),
        grantFen: z.number().int(),
        paidFen: z.number().int(),
        tranches: z.array(
          z.object({
            seq: z.number().int(),
            amountFen: z.number().int(),
            status: z.enum(TRANCHE.stateNames),
            statusLabel: ZhEnSchema,
            paidOn: z.string().nullable(),
            paymentRef: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Ledger' });
export type Ledger = z.infer<typeof Ledger>;
