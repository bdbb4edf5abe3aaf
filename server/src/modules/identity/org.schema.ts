import { z } from 'zod';
import { ownedBy, personal } from '../../platform/http/personal.js';
import { ORG_TYPE_NAMES } from './org.rules.js';

export const OrgTypeEnum = z.enum(ORG_TYPE_NAMES);

export const Org = ownedBy(
  z.object({
    id: z.string(),
    name: z.string(),
    type: OrgTypeEnum,
    typeLabel: z.object({ zh: z.string(), en: z.string() }),
    uscc: z.string(),
    region: z.string(),
    address: z.string().nullable(),
    contactName: personal(z.string().nullable(), 'name'),
    contactPhone: personal(z.string().nullable().describe('masked'), 'phone'),
    status: z.enum(['active', 'disabled']),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  { org: 'id' },
).meta({ id: 'Org' });

export const OrgQuery = z.object({
  type: OrgTypeEnum.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type OrgQuery = z.infer<typeof OrgQuery>;

export const OrgPage = z.object({ total: z.number().int(), items: z.array(Org) });

const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确 / Invalid phone number');

export const CreateOrgBody = z.object({
  name: z.string().trim().min(2).max(200),
  type: OrgTypeEnum,
  uscc: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .describe('统一社会信用代码, 18 characters; lowercase is accepted and upper-cased'),
  region: z.string().trim().min(2).max(100).describe('e.g. 上海市徐汇区'),
  address: z.string().trim().max(300).optional(),
  contactName: z.string().trim().max(100).optional(),
  contactPhone: phone.optional(),
});
export type CreateOrgBody = z.infer<typeof CreateOrgBody>;

export const PatchOrgBody = CreateOrgBody.partial().extend({
  status: z.enum(['active', 'disabled']).optional(),
  address: z.string().trim().max(300).nullable().optional(),
  contactName: z.string().trim().max(100).nullable().optional(),
  contactPhone: phone.nullable().optional(),
});
export type PatchOrgBody = z.infer<typeof PatchOrgBody>;

export const IdParams = z.object({ id: z.string().min(1).max(100) });
