import { registerErrorCodes, type CodeSet } from '../../platform/errors.js';
import { definePermissions, type NameSet } from '../../platform/permissions.js';

/** Permissions of the identity module (the registry shows the labels; policies add ownership). */
export const IDENTITY_PERMISSIONS = definePermissions({
  'org.read': {
    zh: '查看单位',
    en: 'View organisations',
    roles: [
      'commissionStaff',
      'programmeOfficeStaff',
      'finance',
      'districtOfficer',
      'auditor',
      'systemAdmin',
      'orgAdmin',
    ],
  },
  'org.create': {
    zh: '新建单位',
    en: 'Create organisations',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'systemAdmin'],
  },
  'org.update': {
    zh: '修改单位信息',
    en: 'Edit organisations',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'systemAdmin', 'orgAdmin'],
  },
  'user.read': {
    zh: '查看用户',
    en: 'View users',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'auditor', 'systemAdmin', 'securityAdmin', 'orgAdmin'],
  },
  'user.create': { zh: '新建用户', en: 'Create users', roles: ['systemAdmin', 'orgAdmin'], sensitive: true },
  'user.update': {
    zh: '修改用户及角色',
    en: 'Edit users and their roles',
    roles: ['systemAdmin', 'orgAdmin'],
    sensitive: true,
  },
  'user.resetPassword': {
    zh: '重置用户密码',
    en: "Reset a user's password",
    roles: ['systemAdmin', 'orgAdmin'],
    sensitive: true,
  },
  // MLPS 三员分立 (docs/SECURITY.md): under SECURITY_PROFILE=mlps3 the security admin, not the
  // system admin, grants roles, unlocks accounts and resets second factors.
  'user.grantRoles': {
    zh: '授予和收回角色',
    en: 'Grant and remove roles',
    roles: ['systemAdmin', 'securityAdmin', 'orgAdmin'],
    sensitive: true,
    notUnderMlps3: ['systemAdmin'],
  },
  'user.unlock': {
    zh: '解除账号锁定',
    en: 'Unlock an account',
    roles: ['systemAdmin', 'securityAdmin', 'orgAdmin'],
    notUnderMlps3: ['systemAdmin'],
  },
  'user.resetTotp': {
    zh: '重置用户的两步验证',
    en: "Reset a user's two-factor authentication",
    roles: ['systemAdmin', 'securityAdmin', 'orgAdmin'],
    sensitive: true,
    notUnderMlps3: ['systemAdmin'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof IDENTITY_PERMISSIONS> {}
}

/** The module's error codes (status, zh-CN, en), merged into the `ErrorCode` type below. */
export const IDENTITY_ERRORS = registerErrorCodes({
  oidc_not_configured: {
    status: 501,
    zh: '未配置“一网通办”统一身份认证',
    en: 'Sign-in through 一网通办 (Yiwangtongban) is not configured',
  },
  oidc_failed: {
    status: 400,
    zh: '“一网通办”登录失败，请重试',
    en: 'Sign-in through 一网通办 failed; please try again',
  },
  mfa_not_enrolled: {
    status: 409,
    zh: '尚未开始绑定身份验证器',
    en: 'No authenticator enrolment has been started',
  },
  sign_in_paused: {
    status: 429,
    zh: '该账号在您当前网络地址的登录失败次数过多，登录已暂停，请稍后再试',
    en: 'Too many failed sign-ins to this account from your network address; sign-in is paused, try again later',
  },
  account_locked: {
    status: 423,
    zh: '账号因两步验证码多次错误已临时锁定，请稍后再试',
    en: 'The account is locked for a while after repeated wrong authenticator codes; try again later',
  },
  password_reset_throttled: {
    status: 429,
    zh: '重置密码的请求过于频繁，请稍后再试',
    en: 'Too many password reset requests; try again later',
  },
  reset_link_invalid: {
    status: 400,
    zh: '重置密码链接无效，请重新申请',
    en: 'This password reset link is not valid; request a new one',
  },
  reset_link_used: {
    status: 400,
    zh: '该重置密码链接已使用过，每个链接只能使用一次，请重新申请',
    en: 'This password reset link has already been used (each link works once); request a new one',
  },
  reset_link_expired: {
    status: 400,
    zh: '重置密码链接已过期（有效期30分钟），请重新申请',
    en: 'This password reset link has expired (links are valid for 30 minutes); request a new one',
  },
  mfa_already_enabled: {
    status: 409,
    zh: '已启用两步验证',
    en: 'Two-factor authentication is already active',
  },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodeSet<typeof IDENTITY_ERRORS> {}
}
