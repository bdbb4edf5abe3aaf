import { z } from 'zod';
import { ownedBy, personal } from '../../platform/http/personal.js';
import { RoleEnum } from './auth.schema.js';
import { ROLE_NAMES } from '../../platform/roles.js';
import { OrgTypeEnum } from './org.schema.js';

export const User = ownedBy(
  z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    email: personal(z.string(), 'email'),
    phone: personal(z.string().nullable().describe('masked: 138****5678'), 'phone'),
    idNumber: personal(z.string().nullable().describe('masked: 110105********002X'), 'idNumber'),
    orgId: z.string(),
    orgName: z.string(),
    orgType: OrgTypeEnum,
    roles: z.array(RoleEnum),
    status: z.enum(['active', 'disabled']),
    locked: z.boolean(),
    mfaEnabled: z.boolean(),
    linkedYwtb: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  { user: 'id', org: 'orgId' },
).meta({ id: 'User' });

export const UserQuery = z.object({
  orgId: z.string().max(100).optional(),
  role: RoleEnum.optional(),
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type UserQuery = z.infer<typeof UserQuery>;

export const UserPage = z.object({ total: z.number().int(), items: z.array(User) });

const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '手机或电话号码格式不正确 / Invalid phone number');

export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z][A-Za-z0-9_.-]{2,49}$/,
      '用户名须以字母开头，3–50位字母、数字或 _ . - / 3–50 letters, digits, _ . -, starting with a letter',
    ),
  name: z.string().trim().min(1).max(100),
  email: z.email().max(200),
  phone: phone.optional(),
  idNumber: z
    .string()
    .trim()
    .max(30)
    .optional()
    .describe('居民身份证号码, 18 characters with a check character'),
  orgId: z.string().min(1).max(100),
  roles: z.array(RoleEnum).min(1).max(ROLE_NAMES.length),
  password: z.string().max(200).optional().describe('omit to generate an initial password, returned once'),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const CreateUserResult = z.object({ user: User, initialPassword: z.string().optional() });

export const PatchUserBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(200).optional(),
  phone: phone.nullable().optional(),
  idNumber: z.string().trim().max(30).nullable().optional(),
  roles: z.array(RoleEnum).min(1).max(ROLE_NAMES.length).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type PatchUserBody = z.infer<typeof PatchUserBody>;

export const ResetPasswordResult = z.object({ initialPassword: z.string() });

export const SetRolesBody = z.object({ roles: z.array(RoleEnum).min(1).max(ROLE_NAMES.length) });
export type SetRolesBody = z.infer<typeof SetRolesBody>;
