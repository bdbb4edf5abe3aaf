import { z } from 'zod';
import { ownedBy, personal } from '../../platform/http/personal.js';
import {
  ACHIEVEMENT_STATUS_NAMES,
  IP_TYPE_NAMES,
  OWNERSHIP_NAMES,
  TRANSFER_MODE_NAMES,
} from './achievement.rules.js';
import { Denial, Fen, Field, Keywords, Label, OrgBrief } from './common.schema.js';

export const IpItemSchema = z.object({
  type: z.enum(IP_TYPE_NAMES),
  number: z.string().trim().max(60).nullish().describe('专利号 / 登记号'),
  title: z.string().trim().max(200).nullish(),
});
export const ContributingOrgSchema = z.object({
  name: z.string().trim().min(2).max(200),
  orgId: z.string().nullish(),
  role: z.enum(['first', 'participant']).default('participant'),
});
export const PersonSchema = z.object({
  name: z.string().trim().min(1).max(50),
  role: z.string().trim().max(50).nullish(),
});
export const ResearcherContactSchema = z.object({
  name: personal(z.string().trim().max(50).nullish(), 'name'),
  phone: personal(z.string().trim().max(30).nullish(), 'phone'),
  email: personal(z.string().trim().email().max(200).nullish(), 'email'),
});

const priceRefine = (v: { priceMinFen?: number | null; priceMaxFen?: number | null }, c: z.RefinementCtx) => {
  if (v.priceMinFen != null && v.priceMaxFen != null && v.priceMinFen > v.priceMaxFen)
    c.addIssue({
      code: 'custom',
      path: ['priceMaxFen'],
      message: '最高价格不能低于最低价格 / The maximum price is below the minimum',
    });
};

const AchievementFields = z.object({
  title: z.string().trim().min(4).max(200),
  abstract: z.string().trim().min(20).max(5000),
  keywords: Keywords.default([]),
  field: Field,
  organisations: z.array(ContributingOrgSchema).max(20).default([]),
  people: z.array(PersonSchema).max(50).default([]),
  ipItems: z.array(IpItemSchema).max(100).default([]),
  trl: z.number().int().min(1).max(9),
  ownership: z.enum(OWNERSHIP_NAMES),
  transferModes: z.array(z.enum(TRANSFER_MODE_NAMES)).min(1).max(3),
  priceMinFen: Fen.nullish(),
  priceMaxFen: Fen.nullish(),
  researcherContact: ResearcherContactSchema.nullish().describe('never shown publicly'),
  techManagerId: z.string().nullish().describe('the technology manager who handles enquiries'),
});
export const CreateAchievementBody = AchievementFields.superRefine(priceRefine);
export type CreateAchievementBody = z.infer<typeof CreateAchievementBody>;
export const PatchAchievementBody = AchievementFields.partial()
  .extend({ version: z.number().int().min(1) })
  .superRefine(priceRefine);
export type PatchAchievementBody = z.infer<typeof PatchAchievementBody>;

export const TransitionBody = z.object({
  reason: z.string().trim().max(2000).optional().describe('required when returning'),
  version: z.number().int().min(1).optional(),
});

const Contact = z.object({
  techManagerName: z.string().nullable(),
  channel: z.literal('techManager'),
  note: z.string(),
});

/** What everyone may see (no researcher contact). */
export const PublicAchievement = z
  .object({
    viewerReadsFull: z
      .boolean()
      .optional()
      .describe('on the detail: the caller may read the full record (GET …/full answers)'),
    id: z.string(),
    title: z.string(),
    abstract: z.string(),
    keywords: z.array(z.string()),
    field: z.string(),
    region: z.string(),
    organisations: z.array(z.object({ name: z.string(), role: z.enum(['first', 'participant']) })),
    people: z.array(z.object({ name: z.string(), role: z.string().nullish() })),
    ipItems: z.array(IpItemSchema),
    trl: z.number().int(),
    trlLabel: Label,
    ownership: z.enum(OWNERSHIP_NAMES),
    ownershipLabel: Label,
    transferModes: z.array(z.enum(TRANSFER_MODE_NAMES)),
    priceMinFen: z.number().nullable(),
    priceMaxFen: z.number().nullable(),
    owner: OrgBrief,
    contact: Contact,
    status: z.enum(ACHIEVEMENT_STATUS_NAMES),
    publishedAt: z.string().nullable(),
    source: z.enum(['user', 'import', 'kppatent', 'generated']),
    sourceNote: Label.nullable().describe('shown when the text is a public patent abstract or generated'),
  })
  .meta({ id: 'PublicAchievement' });

export const Achievement = ownedBy(
  PublicAchievement.extend({
    researcherContact: ResearcherContactSchema.nullable().describe('masked phone'),
    techManagerId: z.string().nullable(),
    statusLabel: Label,
    returnReason: z.string().nullable(),
    createdBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    externalRef: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    actions: z.array(z.string()).describe('workflow actions the caller may take now'),
    denials: z.array(Denial).describe('why the other actions of this state are not available to the caller'),
  }),
  { org: 'owner.id' },
).meta({ id: 'Achievement' });

export const AchievementQuery = z.object({
  status: z.enum(ACHIEVEMENT_STATUS_NAMES).optional(),
  field: z.string().max(40).optional(),
  mine: z.enum(['org', 'author']).optional().describe('org: my institution’s; author: written by me'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AchievementQuery = z.infer<typeof AchievementQuery>;
export const PublicAchievementPage = z.object({ total: z.number().int(), items: z.array(PublicAchievement) });
export const AchievementPage = z.object({ total: z.number().int(), items: z.array(Achievement) });

export const ImportBody = z.object({
  filename: z.string().trim().min(1).max(200).describe('.xlsx, .csv or .json decides the format'),
  contentBase64: z.string().min(1).describe('the file, base64-encoded (≤ 8 MB)'),
  dryRun: z.boolean().default(false),
});
export const ImportRowReport = z.object({
  row: z.number().int().describe('spreadsheet row number (header = 1) or JSON index + 1'),
  outcome: z.enum(['created', 'updated', 'rejected']),
  id: z.string().nullable(),
  title: z.string().nullable(),
  errors: z.array(
    z.object({ field: z.string(), code: z.string(), message: z.string(), messageEn: z.string() }),
  ),
});
export const ImportReport = z
  .object({
    format: z.enum(['xlsx', 'csv', 'json']),
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    rejected: z.number().int(),
    report: z.array(ImportRowReport),
    columns: z.array(z.object({ key: z.string(), zh: z.string(), required: z.boolean() })),
  })
  .meta({ id: 'AchievementImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;
