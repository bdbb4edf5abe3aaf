import { z } from 'zod';
import { ownedBy, personal } from '../../platform/http/personal.js';
import { ROLE_NAMES } from '../../platform/roles.js';
import { ORG_TYPE_NAMES } from './org.rules.js';

export const RoleEnum = z.enum(ROLE_NAMES as [string, ...string[]]);

export const Me = ownedBy(
  z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    email: personal(z.string(), 'email'),
    phone: personal(z.string().nullable().describe('masked, e.g. 138****5678'), 'phone'),
    orgId: z.string(),
    orgName: z.string(),
    orgType: z.enum(ORG_TYPE_NAMES),
    roles: z.array(RoleEnum),
    mfaRequired: z.boolean(),
    mfaEnabled: z.boolean(),
    mfaVerified: z.boolean(),
    mustChangePassword: z.boolean(),
    permissions: z.array(z.string()),
    locale: z.enum(['zh-CN', 'en']),
    previousSignIn: z
      .object({ at: z.string(), ip: z.string().nullable() })
      .nullable()
      .describe('the sign-in before this one (GB/T 22239-2019 8.1.4.1); null on the first'),
  }),
  { user: 'id', org: 'orgId' },
).meta({ id: 'Me' });

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const LoginResult = z.object({ mfa: z.enum(['none', 'required', 'enrol']), me: Me });

export const TotpEnrolResult = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});
export const TotpCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请输入6位数字验证码 / Enter the 6-digit code'),
});
export const MeResult = z.object({ me: Me });

export const ReauthBody = z.union([
  z.object({ password: z.string().min(1).max(200) }),
  z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '请输入6位数字验证码 / Enter the 6-digit code'),
  }),
]);

export const PasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const PatchMeBody = z.object({
  locale: z.enum(['zh-CN', 'en']).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(200).optional(),
});

export const PasswordResetBody = z.object({
  account: z.string().trim().min(1).max(200).describe('user name or e-mail address'),
});

export const PasswordResetAccepted = z
  .object({ message: z.string(), messageEn: z.string() })
  .describe('the same answer whether or not the account exists');

export const PasswordResetConfirmBody = z.object({
  token: z.string().trim().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
