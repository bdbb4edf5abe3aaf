import { ALLOW, deny, type Decision } from '../../platform/decision.js';
import { ADMIN_ROLES, ROLES, type Role } from '../../platform/roles.js';

/**
 * MLPS level 3 separates the administrators (三员分立, GB/T 22239-2019 8.1.4.2 c): under
 * SECURITY_PROFILE=mlps3 one user holds at most one of 系统管理员 / 安全管理员 / 审计管理员.
 */
export function adminRolesSeparated(roles: readonly Role[], profile: 'mlps3' | undefined): Decision {
  if (profile !== 'mlps3') return ALLOW;
  const held = ADMIN_ROLES.filter((r) => roles.includes(r));
  if (held.length < 2) return ALLOW;
  return deny(
    `等保三级：系统管理员、安全管理员、审计管理员须由不同的人担任，同一用户不能兼任（${held.map((r) => ROLES[r].zh).join('、')}）`,
    `MLPS level 3: the system, security and audit admins are different people; one user may not hold ${held.map((r) => ROLES[r].en).join(' and ')}`,
    'admin_roles_separated',
  );
}

/** The roles that change between `before` and `next` (granted or removed). */
export function changedRoles(before: readonly Role[], next: readonly Role[]): Role[] {
  return [...next.filter((r) => !before.includes(r)), ...before.filter((r) => !next.includes(r))];
}

/**
 * Who grants which role. Changing a user's roles needs `user.grantRoles` (under mlps3 the security
 * admin's and an organisation admin's, not the system admin's). Creating an account is the system
 * admin's, but under mlps3 an account created with one of the three admin roles is a grant too.
 */
export function mayGrant(
  holdsGrantRoles: boolean,
  changed: readonly Role[],
  opts: { creating: boolean; profile: 'mlps3' | undefined },
): Decision {
  if (holdsGrantRoles || changed.length === 0) return ALLOW;
  if (opts.creating && (opts.profile !== 'mlps3' || !changed.some((r) => ADMIN_ROLES.includes(r))))
    return ALLOW;
  return deny(
    '等保三级：角色由安全管理员授予，系统管理员不能授予或收回角色',
    'MLPS level 3: roles are granted by the security admin; a system admin may not grant or remove them',
    'grant_needs_security_admin',
  );
}
