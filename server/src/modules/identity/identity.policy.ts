import { ALLOW, deny, type Decision } from '../../platform/permissions.js';
import type { Actor, Role } from '../../platform/roles.js';

/**
 * Who may manage which organisation and user. State and ownership first, then role; every
 * refusal carries a zh/en reason the UI shows.
 */
export const ORG_LEVEL_ROLES: readonly Role[] = ['orgAdmin', 'projectLead', 'enterpriseUser'];
/** Roles that see every organisation (the route permission already limits who gets here). */
const CITY_WIDE: readonly Role[] = [
  'systemAdmin',
  'securityAdmin',
  'commissionStaff',
  'programmeOfficeStaff',
  'finance',
  'districtOfficer',
  'auditor',
];

type Who = Pick<Actor, 'userId' | 'orgId' | 'roles'>;
const has = (a: Who, r: Role) => a.roles.includes(r);
const cityWide = (a: Who) => a.roles.some((r) => CITY_WIDE.includes(r));
/** The system admin runs the accounts; the security admin (MLPS 三员分立) grants their roles. */
const accountAdmin = (a: Who) => has(a, 'systemAdmin') || has(a, 'securityAdmin');

const OTHER_ORG = () =>
  deny(
    '单位管理员只能管理本单位的信息和用户',
    'An organisation admin manages only their own organisation and its users',
    'other_org',
  );

export function canReadOrg(actor: Who, org: { id: string }): Decision {
  if (cityWide(actor) || org.id === actor.orgId) return ALLOW;
  return OTHER_ORG();
}

/** Which organisations a list shows: all, or only the actor's own. */
export function orgScope(actor: Who): { orgId?: string } {
  return cityWide(actor) ? {} : { orgId: actor.orgId };
}

export function canUpdateOrg(
  actor: Who,
  org: { id: string },
  changes: { type?: unknown; uscc?: unknown; name?: unknown; region?: unknown; status?: unknown },
): Decision {
  if (has(actor, 'systemAdmin') || has(actor, 'commissionStaff') || has(actor, 'programmeOfficeStaff'))
    return ALLOW;
  if (!has(actor, 'orgAdmin') || org.id !== actor.orgId) return OTHER_ORG();
  if (
    changes.type !== undefined ||
    changes.uscc !== undefined ||
    changes.name !== undefined ||
    changes.region !== undefined ||
    changes.status !== undefined
  ) {
    return deny(
      '单位名称、类型、统一社会信用代码、所在区和状态须由市级管理部门修改',
      "An organisation's name, type, credit code, district and status are changed by the city administration",
      'org_identity_locked',
    );
  }
  return ALLOW;
}

export function canReadUser(actor: Who, user: { orgId: string }): Decision {
  if (
    accountAdmin(actor) ||
    has(actor, 'commissionStaff') ||
    has(actor, 'programmeOfficeStaff') ||
    has(actor, 'auditor')
  ) {
    return ALLOW;
  }
  return user.orgId === actor.orgId ? ALLOW : OTHER_ORG();
}

export function userScope(actor: Who): { orgId?: string } {
  return canReadUser(actor, { orgId: '\u0000' }).allowed ? {} : { orgId: actor.orgId };
}

/** Create, edit, reset the password of or unlock a user of `orgId`. */
export function canManageUser(actor: Who, target: { orgId: string; roles?: readonly Role[] }): Decision {
  if (accountAdmin(actor)) return ALLOW;
  if (!has(actor, 'orgAdmin') || target.orgId !== actor.orgId) return OTHER_ORG();
  // An account holding a city-level role (staff, expert, technology manager, admin …) is managed by
  // the city administration, even when it sits in this organisation: no password reset or e-mail change.
  if ((target.roles ?? []).some((r) => !ORG_LEVEL_ROLES.includes(r))) {
    return deny(
      '该账号持有市级角色（如评审专家、技术经理人、工作人员），须由系统管理员管理',
      'This account holds a city-level role (such as expert, technology manager or staff) and is managed by a system admin',
      'role_not_manageable',
    );
  }
  return ALLOW;
}

/** Role changes: an orgAdmin grants and removes only organisation-level roles; nobody drops their own systemAdmin. */
export function canAssignRoles(
  actor: Who,
  target: { id: string | null; orgId: string; roles: readonly Role[] },
  next: readonly Role[],
): Decision {
  const m = canManageUser(actor, target);
  if (!m.allowed) return m;
  if (target.id === actor.userId && target.roles.includes('systemAdmin') && !next.includes('systemAdmin')) {
    return deny(
      '不能移除自己的系统管理员角色',
      'You cannot remove your own system admin role',
      'own_admin_role',
    );
  }
  if (
    target.id === actor.userId &&
    target.roles.includes('securityAdmin') &&
    !next.includes('securityAdmin')
  ) {
    return deny(
      '不能移除自己的安全管理员角色',
      'You cannot remove your own security admin role',
      'own_admin_role',
    );
  }
  if (accountAdmin(actor)) return ALLOW;
  const changed = [
    ...next.filter((r) => !target.roles.includes(r)),
    ...target.roles.filter((r) => !next.includes(r)),
  ];
  const bad = changed.filter((r) => !ORG_LEVEL_ROLES.includes(r));
  if (bad.length) {
    return deny(
      '单位管理员只能授予单位级角色（单位管理员、项目负责人、企业用户），技术经理人、评审专家和工作人员等角色由系统管理员授予',
      'An organisation admin may grant only organisation-level roles (organisation admin, project lead, enterprise user); technology managers, experts and staff roles are granted by a system admin',
      'role_not_grantable',
    );
  }
  return ALLOW;
}

export function canSetStatus(
  actor: Who,
  target: { id: string; orgId: string },
  status: 'active' | 'disabled',
): Decision {
  const m = canManageUser(actor, target);
  if (!m.allowed) return m;
  if (status === 'disabled' && target.id === actor.userId) {
    return deny('不能停用自己的账号', 'You cannot disable your own account', 'own_account');
  }
  return ALLOW;
}
