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
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];
export const STAFF_ROLES: Role[] = ['commissionStaff', 'programmeOfficeStaff'];

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
  /** Last time the user proved their password or TOTP in this session (for re-authentication). */
  authenticatedAt: Date;
}
