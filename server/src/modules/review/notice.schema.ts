/** HTTP shapes of the public notice (公示), its objections (异议) and the award (立项), issue 12. */
import { z } from 'zod';
import { DenialSchema, ZhEnSchema } from '../../platform/http/schemas.js';
import { ownedBy, personal } from '../../platform/http/personal.js';
import { DEFAULT_NOTICE_WORKING_DAYS } from './notice.rules.js';
import { NOTICE_STATUS, OBJECTION_STATUS } from './notice.workflow.js';

const NOTICE_STATES = Object.keys(NOTICE_STATUS) as [keyof typeof NOTICE_STATUS, ...string[]];
const OBJECTION_STATES = Object.keys(OBJECTION_STATUS) as [keyof typeof OBJECTION_STATUS, ...string[]];
/** The roles that keep the objections and call the objectors back: they read contacts in clear. */
export const OBJECTION_KEEPERS = ['commissionStaff', 'programmeOfficeStaff'] as const;

const isDate = (s: string) =>
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / Dates are YYYY-MM-DD')
  .refine(isDate, '日期不存在 / No such date');
const Id = z.string().min(1).max(64);

export const CreateNoticeBody = z.object({
  planId: Id.describe('the call’s consulted funding plan: its lines are the list'),
  title: z.string().trim().min(1, '请填写公示标题 / Give the notice a title').max(200),
  startDate: DateOnly.describe(
    'the first day of the notice (Asia/Shanghai); a non-working day moves to the next',
  ),
  workingDays: z
    .number()
    .int()
    .min(1)
    .max(30)
    .default(DEFAULT_NOTICE_WORKING_DAYS)
    .describe(`the period in working days (default ${DEFAULT_NOTICE_WORKING_DAYS})`),
});
export type CreateNoticeBody = z.infer<typeof CreateNoticeBody>;

export const NoticeListQuery = z.object({ callId: Id.optional() });
export type NoticeListQuery = z.infer<typeof NoticeListQuery>;

export const DecideObjectionBody = z.object({
  finding: z
    .enum(['upheld', 'rejected'])
    .describe('upheld: 异议成立 (the project is not awarded); rejected: 异议不成立'),
  reason: z.string().trim().min(1, '请填写核实结论的理由 / Give the reason for the finding').max(2000),
  version: z.number().int().min(1).optional().describe('the version read; a different one answers 409'),
});
export type DecideObjectionBody = z.infer<typeof DecideObjectionBody>;

export const EVIDENCE_MAX_FILES = 3;
/** 3 MB of file in base64 */
export const EVIDENCE_BASE64_MAX = 4 * 1024 * 1024;

/** The public's objection: the content rules (validateObjection) name every missing or wrong field. */
export const ObjectionBody = z.object({
  applicationId: z.string().max(64).describe('the noticed project objected to'),
  name: z.string().max(50).describe('署名: the objector’s real name (anonymous objections are refused)'),
  organisation: z.string().max(200).optional(),
  phone: z.string().max(30).optional(),
  email: z.string().max(200).optional(),
  statement: z.string().max(5000).describe('异议内容及理由 the facts and grounds'),
  evidence: z
    .array(
      z.strictObject({
        filename: z.string().min(1).max(200),
        contentBase64: z
          .string()
          .min(1)
          .max(EVIDENCE_BASE64_MAX, '单个证明材料不超过 3 MB / Each piece of evidence is at most 3 MB'),
      }),
    )
    .max(EVIDENCE_MAX_FILES, `证明材料最多 ${EVIDENCE_MAX_FILES} 个 / At most ${EVIDENCE_MAX_FILES} files`)
    .optional()
    .describe('证明材料 (PDF, images, Office files), checked and scanned as every upload is'),
});
export type ObjectionBody = z.infer<typeof ObjectionBody>;

export const NoticePeriod = z.object({
  startDate: z.string(),
  endDate: z.string(),
  workingDays: z.number().int(),
  opensAt: z.string(),
  closesAt: z.string(),
  text: ZhEnSchema,
  provisional: z
    .boolean()
    .describe('a day of the period lies in a year whose State Council holiday notice is not recorded yet'),
});

export const NoticeEntry = z.object({
  rank: z.number().int(),
  applicationId: z.string(),
  projectTitle: z.string(),
  orgName: z.string(),
  directionCode: z.string(),
  directionTitle: z.string(),
  proposedGrantFen: z.number().int(),
  outcome: z.enum(['awarded', 'removed']).nullable().describe('set by the award'),
  /** the published decision: why an upheld objection removed the project */
  findings: z.array(z.string()),
});

const noticeFields = {
  id: z.string(),
  callId: z.string(),
  title: z.string(),
  status: z.enum(NOTICE_STATES),
  statusLabel: ZhEnSchema,
  state: z.enum(['notOpen', 'open', 'closed']).describe('the period at the server’s time'),
  period: NoticePeriod,
  publishedAt: z.string().nullable(),
  awardedAt: z.string().nullable(),
  entries: z.array(NoticeEntry),
};

export const PublicNotice = z.object(noticeFields).meta({ id: 'PublicNotice' });
export type PublicNotice = z.infer<typeof PublicNotice>;
export const PublicNoticeList = z.object({ items: z.array(PublicNotice) }).meta({ id: 'PublicNoticeList' });

export const Objection = ownedBy(
  z
    .object({
      id: z.string(),
      noticeId: z.string(),
      applicationId: z.string(),
      objectorName: personal(z.string(), 'name'),
      contactPhone: personal(z.string().nullable().describe('masked outside the programme office'), 'phone'),
      contactEmail: personal(z.string().nullable().describe('masked outside the programme office'), 'email'),
      organisation: z.string().nullable(),
      statement: z.string(),
      status: z.enum(OBJECTION_STATES),
      statusLabel: ZhEnSchema,
      findingReason: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
      signedIn: z.boolean().describe('lodged by a signed-in user (otherwise by a member of the public)'),
      evidence: z.array(z.object({ fileId: z.string(), name: z.string(), size: z.number().int() })),
      createdAt: z.string(),
      version: z.number().int(),
      actions: z.array(z.string()),
      denials: z.array(DenialSchema),
    })
    .meta({ id: 'Objection' }),
  { keepers: OBJECTION_KEEPERS },
);
export type Objection = z.infer<typeof Objection>;

const staffFields = {
  ...noticeFields,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  objectionCount: z.number().int(),
  undecidedCount: z.number().int(),
  actions: z.array(z.string()),
  denials: z.array(DenialSchema),
};

export const NoticeSummary = z.object(staffFields).meta({ id: 'NoticeSummary' });
export type NoticeSummary = z.infer<typeof NoticeSummary>;
export const NoticeList = z.object({ items: z.array(NoticeSummary) }).meta({ id: 'NoticeList' });

export const Notice = z
  .object({
    ...staffFields,
    objections: z.array(Objection),
    awardList: z.object({
      awarded: z.array(z.string()),
      removed: z.array(z.object({ applicationId: z.string(), objectionIds: z.array(z.string()) })),
      pending: z.array(z.string()),
      final: z.boolean(),
    }),
  })
  .meta({ id: 'Notice' });
export type Notice = z.infer<typeof Notice>;

export const ObjectionReceipt = z
  .object({
    id: z.string(),
    noticeId: z.string(),
    applicationId: z.string(),
    status: z.enum(OBJECTION_STATES),
    createdAt: z.string(),
    message: ZhEnSchema,
  })
  .meta({ id: 'ObjectionReceipt' });
export type ObjectionReceipt = z.infer<typeof ObjectionReceipt>;
