/** HTTP shapes of the expert pool (专家库): the staff list, one expert, an edit, the import report. */
import { z } from 'zod';
import { PageQuerySchema } from '../../platform/http/schemas.js';
import { ownedBy, personal } from '../../platform/http/personal.js';
import { POOL_KEEPERS } from './experts.permissions.js';

const isDate = (s: string) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / Dates are YYYY-MM-DD')
  .refine(isDate, '日期不存在 / No such date');

export const AvailabilityWindow = z
  .object({ from: DateOnly, to: DateOnly })
  .refine((w) => w.from <= w.to, {
    message: '结束日期早于开始日期 / The window ends before it starts',
    path: ['to'],
  })
  .describe('inclusive Asia/Shanghai dates');

const terms = z.array(z.string().trim().min(1).max(50)).max(30);

/** What staff may change of an expert (name and sign-in account stay with identity). */
export const ExpertPoolBody = z.object({
  orgName: z.string().trim().max(200),
  orgId: z.string().min(1).max(100).nullable(),
  title: z.string().trim().max(100).describe('职称, e.g. 教授、研究员、高级工程师'),
  fields: terms.min(1, '至少填写一个技术领域 / Give at least one technology field'),
  keywords: terms,
  bio: z.string().trim().max(2000),
  contactPhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '手机或电话号码格式不正确 / Invalid phone number')
    .nullable(),
  contactEmail: z.email('电子邮箱格式不正确 / Invalid e-mail address').max(200).nullable(),
  availability: z.array(AvailabilityWindow).max(20),
  maxLoadPerRound: z.number().int().min(1).max(100),
  active: z.boolean(),
});
export type ExpertPoolBody = z.infer<typeof ExpertPoolBody>;

export const ExpertEditBody = ExpertPoolBody.extend({
  version: z.number().int().min(0).describe('the version read; a different current version answers 409'),
});
export type ExpertEditBody = z.infer<typeof ExpertEditBody>;

export const PoolExpert = ownedBy(
  z
    .object({
      userId: z.string(),
      name: z.string(),
      orgName: z.string(),
      orgId: z.string().nullable(),
      title: z.string(),
      fields: z.array(z.string()),
      keywords: z.array(z.string()),
      bio: z.string(),
      contactPhone: personal(z.string().nullable().describe('masked outside the programme office'), 'phone'),
      contactEmail: personal(z.string().nullable().describe('masked outside the programme office'), 'email'),
      availability: z.array(z.object({ from: z.string(), to: z.string() })),
      maxLoadPerRound: z.number().int(),
      active: z.boolean(),
      accountActive: z.boolean(),
      source: z.string(),
      version: z.number().int(),
      updatedAt: z.string(),
    })
    .meta({ id: 'PoolExpert' }),
  { user: 'userId', keepers: POOL_KEEPERS },
);
export type PoolExpert = z.infer<typeof PoolExpert>;

export const PoolQuery = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional().describe('name, organisation or title contains'),
  field: z.string().trim().max(50).optional(),
  keyword: z.string().trim().max(50).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type PoolQuery = z.infer<typeof PoolQuery>;

export const PoolPage = z
  .object({
    items: z.array(PoolExpert),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'PoolPage' });

export const PoolImportBody = z.object({
  filename: z.string().min(1).max(200),
  contentBase64: z.string().min(1).max(12_000_000),
});
export type PoolImportBody = z.infer<typeof PoolImportBody>;

export const PoolImportReport = z
  .object({
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    rejected: z.number().int(),
    report: z.array(
      z.object({
        row: z.number().int().describe('spreadsheet row number (header = 1)'),
        outcome: z.enum(['created', 'updated', 'rejected']),
        userId: z.string().nullable(),
        name: z.string().nullable(),
        errors: z.array(
          z.object({ field: z.string(), code: z.string(), message: z.string(), messageEn: z.string() }),
        ),
      }),
    ),
    columns: z.array(z.object({ key: z.string(), zh: z.string(), required: z.boolean() })),
  })
  .meta({ id: 'PoolImportReport' });
export type PoolImportReport = z.infer<typeof PoolImportReport>;
