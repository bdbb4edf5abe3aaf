/** The roles a user can hold within an organisation (issue 2). Labels are shown in the UI. */
export const ROLES = {
  commissionStaff: { zh: '市科委工作人员', en: 'Commission staff', mfa: true },
  programmeOfficeStaff: { zh: '项目管理机构工作人员', en: 'Programme-office staff', mfa: true },
  finance: { zh: '财政人员', en: 'Finance', mfa: true },
  districtOfficer: { zh: '区科委工作人员', en: 'District officer', mfa: true },
  orgAdmin: { zh: '单位管理员', en: 'Organisation admin', mfa: false },
  projectLead: { zh: '项目负责人', en: 'Project lead', mfa: false },
  expert: { zh: '评审专家', en: 'Expert', mfa: true },
  enterpriseUser: { zh: '企业用户', en: 'Enterprise user', mfa: false },
  techManager: { zh: '技术经理人', en: 'Technology manager', mfa: false },
  auditor: { zh: '审计人员', en: 'Auditor', mfa: true },
  systemAdmin: { zh: '系统管理员', en: 'System admin', mfa: true },
  securityAdmin: { zh: '安全管理员', en: 'Security admin', mfa: true },
  auditAdmin: { zh: '审计管理员', en: 'Audit admin', mfa: true },
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];
export const STAFF_ROLES: Role[] = ['commissionStaff', 'programmeOfficeStaff'];

/**
 * The three administrator roles MLPS 2.0 level 3 separates (三员分立, GB/T 22239-2019 8.1.4.2 c):
 * under SECURITY_PROFILE=mlps3 nobody may hold two of them.
 */
export const ADMIN_ROLES: readonly Role[] = ['systemAdmin', 'securityAdmin', 'auditAdmin'];

/** Roles whose passwords follow the MLPS rules (complexity, 90-day rotation, history) under mlps3. */
export const MLPS_STAFF_ROLES: readonly Role[] = [
  'commissionStaff',
  'programmeOfficeStaff',
  'finance',
  'districtOfficer',
  'expert',
  'auditor',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
];

export function isMlpsStaff(roles: readonly Role[]): boolean {
  return roles.some((r) => MLPS_STAFF_ROLES.includes(r));
}

/** TOTP is required when any of the user's roles requires it. */
export function roleRequiresMfa(roles: readonly Role[]): boolean {
  return roles.some((r) => ROLES[r].mfa);
}

/** Who is making a request: resolved from the session cookie by the identity module. */
export interface Actor {
  userId: string;
  orgId: string;
  name: string;
  roles: Role[];
  sessionId: string;
  mfaVerified: boolean;
  /** The password was set by an administrator (new account or reset): only set-up routes until it is changed. */
  mustChangePassword?: boolean;
  /** `mlps3` when the installation runs the MLPS level-3 profile: some permissions leave systemAdmin. */
  profile?: 'mlps3';
  /** Last time the user proved their password or TOTP in this session (for re-authentication). */
  authenticatedAt: Date;
}
