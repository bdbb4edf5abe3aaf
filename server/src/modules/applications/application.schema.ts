/**
 * Application (申报书) content and HTTP schemas.
 *
 * A draft is stored exactly as typed: the save body takes each section as any JSON value, stores
 * it, and returns the problems found by DraftContentSchema (types, formats) alongside — nothing
 * typed is lost on a validation error. Completeness (is everything there?) is judged by the
 * checklist (screening rules + content rules), never by refusing a save. Money is integer fen.
 */
import { z } from 'zod';
import { isCalendarDate, isEmail, isPhone } from '../../../../shared/contact.js';
import { validateIdNumber } from '../../../../shared/idnumber.js';
import { APPLICATION_STATUSES } from './application.workflow.js';
import { ownedBy, personal } from '../../platform/http/personal.js';
import { DistrictRouteDto, FailingFindingDto, OverrideReason } from './review.schema.js';

/** 1000 亿元 in fen: no figure of this programme comes near it; a larger one is a typing slip. */
export const MAX_FEN = 10_000_000_000_000;
const fen = z.number().int().nonnegative().max(MAX_FEN);
const text = (max: number) => z.string().max(max);
/**
 * A format check made at the field (shared/contact.ts, shared/idnumber.ts); an empty text is "not
 * given", judged by the checklist's completeness rules, not here. The issue carries `params.format`,
 * which draftFieldErrors turns into the message under the field (application-fields.ts labels).
 */
const checked = (max: number, format: 'phone' | 'email' | 'idNumber', ok: (v: string) => boolean) =>
  text(max).refine((v) => v.trim() === '' || ok(v), { params: { format } });
const phone = checked(30, 'phone', isPhone).describe('手机号 (11 digits) or 固定电话 with area code');
const email = checked(200, 'email', isEmail).describe('an e-mail address with a dot in the domain');
const idNumber = checked(30, 'idNumber', (v) => validateIdNumber(v).ok).describe(
  '居民身份证号码, 18 characters with the GB 11643 check character',
);
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || isCalendarDate(v), { params: { format: 'date' } });

export const ProjectSection = z
  .object({
    title: text(200),
    summary: text(5000),
    startDate: date,
    endDate: date,
    keywords: z.array(text(50)).max(10),
  })
  .partial()
  .superRefine((p, ctx) => {
    const iso = (v: unknown): v is string => typeof v === 'string' && isCalendarDate(v);
    if (iso(p.startDate) && iso(p.endDate) && p.endDate <= p.startDate)
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        params: { format: 'dateOrder' },
        message: 'end ≤ start',
      });
  });
export const ApplicantSection = z
  .object({
    legalForm: z.enum(['legalPerson', 'unincorporated']),
    prevYearRevenueFen: fen,
    contactName: text(100),
    contactPhone: phone,
  })
  .partial();
export const LeadSection = z
  .object({
    name: text(100),
    title: text(100),
    phone,
    email,
    idNumber,
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
          phone: phone.optional(),
          idNumber: idNumber.optional(),
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
  field: z
    .string()
    .describe('dotted path in ApplicationContent, e.g. lead.phone (for the form, never shown)'),
  label: Bilingual.describe('the field as people know it (application-fields.ts), e.g. 项目负责人手机'),
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
    submittedAtText: z
      .string()
      .describe('the receive instant as printed: 2023年10月30日 16:29:59 北京时间 (Asia/Shanghai)'),
    sha256: z.string().describe('SHA-256 of the canonical JSON of the submitted package'),
    callNumber: z.string(),
    callTitle: z.string(),
    directionCode: z.string(),
    directionTitle: z.string(),
    orgName: z.string(),
    projectTitle: z.string().nullable(),
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

/**
 * A draft section as stored: the shape when it is an object (its personal fields marked, for the
 * serializer to mask), anything else as typed.
 */
const storedSection = (shape: Record<string, z.ZodType>) =>
  z.union([z.looseObject(shape), z.unknown()]).optional();
const mark = (kind: Parameters<typeof personal>[1]) => personal(z.unknown(), kind);
/** The stored draft in an answer: any sections as typed, the personal fields marked. */
export const StoredContent = z
  .looseObject({
    applicant: storedSection({ contactName: mark('name'), contactPhone: mark('phone') }),
    lead: storedSection({
      name: mark('name'),
      phone: mark('phone'),
      email: mark('email'),
      idNumber: mark('idNumber'),
    }),
    team: storedSection({
      members: z.union([z.array(storedSection({ name: mark('name') })), z.unknown()]).optional(),
    }),
  })
  .describe('the draft as stored (ApplicationContent shape when valid)');

export const ApplicationDetail = ownedBy(
  ApplicationSummary.extend({
    content: StoredContent,
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
  }),
  { org: 'orgId' },
).meta({ id: 'ApplicationDetail' });

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
export const VersionContent = ownedBy(
  VersionDto.extend({
    orgId: z.string().describe('the applicant organisation'),
    content: StoredContent,
  }),
  { org: 'orgId' },
);

export const ReasonBody = z.object({
  reason: z.string().trim().min(2).max(2000).describe('why it is returned (shown to the applicant)'),
});
export const OrgReviewBody = z.object({
  decision: z.enum(['approve', 'return']),
  reason: z.string().trim().max(2000).optional().describe('required when returning'),
  overrideReason: OverrideReason,
});
export const DistrictReviewBody = z.object({
  decision: z
    .enum(['approve', 'return', 'revise'])
    .describe('revise: replace the district’s own recommendation while the application waits for 正式提交'),
  reason: z.string().trim().max(2000).optional().describe('required when returning'),
  commitmentFen: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('district funds committed, integer fen (required to approve or revise)'),
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

export const DocumentQuery = z.object({
  format: z
    .enum(['docx'])
    .default('docx')
    .describe('docx: Word (the only format; a PDF needs a CJK font the install does not ship)'),
});
