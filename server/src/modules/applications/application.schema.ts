/**
 * Application (申报书) content and HTTP schemas.
 *
 * A draft is stored exactly as typed: the save body takes each section as any JSON value, stores
 * it, and returns the problems found by DraftContentSchema (types, formats) alongside — nothing
 * typed is lost on a validation error. Completeness (is everything there?) is judged by the
 * checklist (screening rules + content rules), never by refusing a save. Money is integer fen.
 */
import { z } from 'zod';
import { APPLICATION_STATUSES } from './application.workflow.js';
import { DistrictRouteDto, FailingFindingDto, OverrideReason } from './review.schema.js';

const fen = z.number().int().nonnegative();
const text = (max: number) => z.string().max(max);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const ProjectSection = z
  .object({
    title: text(200),
    summary: text(5000),
    startDate: date,
    endDate: date,
    keywords: z.array(text(50)).max(10),
  })
  .partial();
export const ApplicantSection = z
  .object({
    legalForm: z.enum(['legalPerson', 'unincorporated']),
    prevYearRevenueFen: fen,
    contactName: text(100),
    contactPhone: text(30),
  })
  .partial();
export const LeadSection = z
  .object({
    name: text(100),
    title: text(100),
    phone: text(30),
    email: text(200),
    idNumber: text(30),
    /** guide 2023 §二.7: the applicant declares how many ongoing commission projects the lead leads. */
    declaredOngoingProjects: z
      .number()
      .int()
      .nonnegative()
      .describe('ongoing commission projects the lead already leads, as declared by the applicant'),
  })
  .partial();
export const FeasibilitySection = z
  .object({ sections: z.array(z.object({ key: text(50), title: text(200), text: text(50_000) })).max(30) })
  .partial();
export const BudgetSection = z
  .object({
    selfFundingFen: fen,
    requestedGrantFen: fen,
    firstYearRequestFen: fen,
    districtMatchingFen: fen,
    techManagerTrainingFen: fen,
  })
  .partial();
export const KpiCommitment = z.object({
  kpiId: z
    .string()
    .max(100)
    .optional()
    .describe("the guide KPI's id this commitment answers; omit for an extra KPI"),
  metric: text(300),
  unit: text(20)
    .optional()
    .describe(
      "万元/亿元/元/项/家/人/所/个/%/倍, converted exactly to the KPI's unit; omitted (old drafts): the KPI's unit",
    ),
  comparator: z.enum(['>=', '<=', '=', '>', '<']),
  value: z.number().nonnegative().describe('the number in `unit`; money must come to whole fen'),
});
export const TeamSection = z
  .object({
    members: z
      .array(
        z.object({
          name: text(100),
          role: text(100),
          title: text(100).optional(),
          employer: text(200).optional(),
          phone: text(30).optional(),
          idNumber: text(30).optional(),
        }),
      )
      .max(100),
    techManagers: z
      .array(
        z.object({
          name: text(100),
          role: z.enum(['lead', 'core']),
          yearsFullTime: z.number().nonnegative(),
          isProjectLead: z.boolean(),
        }),
      )
      .max(20),
  })
  .partial();
export const ExcludedExpert = z.object({
  name: text(100),
  employer: text(200).optional(),
  reason: text(1000),
});
export const DeclarationsSection = z
  .object({
    integrityCommitment: z.boolean(),
    noClassifiedContent: z.boolean(),
    ethicsCommitment: z.boolean(),
  })
  .partial();

/** The typed shape of a draft (every field optional). */
export const DraftContentSchema = z
  .object({
    project: ProjectSection,
    applicant: ApplicantSection,
    lead: LeadSection,
    feasibilityPlan: FeasibilitySection,
    budget: BudgetSection,
    kpis: z.array(KpiCommitment).max(50),
    team: TeamSection,
    excludedExperts: z.array(ExcludedExpert).max(20),
    claimsTechIncome: z.boolean(),
    declarations: DeclarationsSection,
  })
  .partial()
  .meta({ id: 'ApplicationContent' });
export type DraftContent = z.infer<typeof DraftContentSchema>;
export const SECTION_KEYS = Object.keys(DraftContentSchema.shape) as (keyof DraftContent)[];

/** Save body: the sections to replace, each stored as sent (any JSON), validated after storing. */
export const SaveDraftBody = z.object({
  baseVersion: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('the version you edited; 409 when someone saved since'),
  content: z
    .strictObject(
      Object.fromEntries(SECTION_KEYS.map((k) => [k, z.unknown().optional()])) as Record<
        keyof DraftContent,
        z.ZodOptional<z.ZodUnknown>
      >,
    )
    .describe('sections to replace (ApplicationContent shape); a section sent is stored as typed'),
  leadUserId: z
    .string()
    .max(100)
    .nullable()
    .optional()
    .describe('the project lead (a user of the organisation)'),
});

export const Bilingual = z.object({ zh: z.string(), en: z.string() });
export const FieldProblem = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const ApplicationStatusSchema = z.enum(APPLICATION_STATUSES);

export const AttachmentDto = z.object({
  id: z.string(),
  type: z.string(),
  typeLabel: Bilingual,
  fileId: z.string(),
  name: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export const ReviewDto = z.object({
  id: z.string(),
  stage: z.enum(['org', 'district']),
  decision: z.enum(['approve', 'return']),
  reason: z.string().nullable(),
  commitmentFen: z.number().int().nullable(),
  opinion: z.string().nullable(),
  overrideReason: z.string().nullable(),
  overriddenFindings: z.array(FailingFindingDto).nullable(),
  actorId: z.string(),
  at: z.string(),
});
export const ReceiptDto = z
  .object({
    applicationId: z.string(),
    number: z
      .string()
      .describe('SQ-<call year>-<6 digits>: one sequence per year shared by all calls of that year'),
    submittedAt: z.string().describe('server receive instant, ISO 8601 with +08:00'),
    sha256: z.string().describe('SHA-256 of the canonical JSON of the submitted package'),
    callNumber: z.string(),
    directionCode: z.string(),
  })
  .meta({ id: 'Receipt' });
export const ActionDto = z.object({
  action: z.string(),
  to: ApplicationStatusSchema,
  label: z.string(),
  labelEn: z.string(),
  allowed: z.boolean(),
  reason: Bilingual.optional(),
});

export const ApplicationSummary = z
  .object({
    id: z.string(),
    callId: z.string(),
    callYear: z.number().int(),
    callNumber: z.string().nullable(),
    directionCode: z.string(),
    directionTitle: z.string().nullable(),
    orgId: z.string(),
    orgName: z.string(),
    orgType: z.string(),
    leadUserId: z.string().nullable(),
    projectTitle: z.string().nullable(),
    status: ApplicationStatusSchema,
    statusLabel: Bilingual,
    version: z.number().int(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    receiptNumber: z.string().nullable(),
    imported: z.boolean().describe('part of an imported historical call (已导入, read-only)'),
  })
  .meta({ id: 'ApplicationSummary' });

export const ApplicationDetail = ApplicationSummary.extend({
  content: z
    .record(z.string(), z.unknown())
    .describe('the draft as stored (ApplicationContent shape when valid)'),
  fieldErrors: z.array(FieldProblem).describe('type/format problems in the stored draft'),
  needsDistrictRecommendation: z.boolean(),
  returnReason: z.string().nullable(),
  returnedByStage: z.enum(['org', 'district']).nullable(),
  districtRoute: DistrictRouteDto,
  attachments: z.array(AttachmentDto),
  requiredAttachments: z.array(z.object({ type: z.string(), label: Bilingual })),
  reviews: z.array(ReviewDto),
  receipt: ReceiptDto.nullable(),
  actions: z.array(ActionDto).describe('what the workflow allows next, and whether you may'),
}).meta({ id: 'ApplicationDetail' });

export const SaveResult = z.object({
  application: ApplicationDetail,
  fieldErrors: z.array(FieldProblem),
  saved: z.boolean(),
});

export const ApplicationPage = z.object({ total: z.number().int(), items: z.array(ApplicationSummary) });
export const ApplicationQuery = z.object({
  callId: z.string().max(100).optional(),
  status: ApplicationStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const CreateApplicationBody = z.object({
  callId: z.string().min(1).max(100),
  directionCode: z.string().min(1).max(50),
  leadUserId: z.string().max(100).optional(),
});
export const IdParams = z.object({ id: z.string().min(1).max(100) });
export const VersionParams = z.object({
  id: z.string().min(1).max(100),
  version: z.coerce.number().int().positive(),
});
export const VersionDto = z.object({
  version: z.number().int(),
  savedAt: z.string(),
  savedBy: z.string(),
  savedByName: z.string().nullable().describe('who saved it, by name (users.name)'),
  findingCount: z.number().int(),
});
export const VersionList = z.object({ items: z.array(VersionDto) });
export const VersionContent = VersionDto.extend({ content: z.record(z.string(), z.unknown()) });

export const ReasonBody = z.object({
  reason: z.string().trim().min(2).max(2000).describe('why it is returned (shown to the applicant)'),
});
export const OrgReviewBody = z.object({
  decision: z.enum(['approve', 'return']),
  reason: z.string().trim().max(2000).optional().describe('required when returning'),
  overrideReason: OverrideReason,
});
export const DistrictReviewBody = z.object({
  decision: z.enum(['approve', 'return']),
  reason: z.string().trim().max(2000).optional().describe('required when returning'),
  commitmentFen: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('district funds committed, integer fen (required to approve)'),
  opinion: z.string().trim().max(2000).optional().describe('资金支持意见'),
  overrideReason: OverrideReason,
});
export const AttachBody = z.object({
  type: z
    .string()
    .regex(/^[a-z][A-Za-z0-9]*$/)
    .describe('an attachment type of the call, e.g. feasibilityPlan'),
  fileId: z.string().min(1).max(100).describe('id of a file uploaded through the files module'),
});
export const AttachmentParams = z.object({
  id: z.string().min(1).max(100),
  attachmentId: z.string().min(1).max(100),
});
