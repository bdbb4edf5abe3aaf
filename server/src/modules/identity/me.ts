import type { AppContext } from '../../platform/context.js';
import { permissionProfile } from '../../platform/config.js';
import { DomainError } from '../../platform/errors.js';
import { maskPhone } from '../../platform/mask.js';
import { permissionsOf } from '../../platform/permissions.js';
import { roleRequiresMfa } from '../../platform/roles.js';
import type { Caller } from '../../platform/caller.js';
import { findUserWithOrg, type Db } from './identity.repo.js';

/** The signed-in user as the web client sees it (GET /api/auth/me). */
export async function buildMe(db: Db, userId: string, mfaVerified: boolean, profile?: 'mlps3') {
  const u = await findUserWithOrg(db, userId);
  if (!u) throw new DomainError('unauthenticated');
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    email: u.email,
    phone: u.phone ? maskPhone(u.phone) : null,
    orgId: u.org_id,
    orgName: u.org_name,
    orgType: u.org_type,
    roles: u.roles,
    mfaRequired: roleRequiresMfa(u.roles),
    mfaEnabled: u.totp_enabled,
    mfaVerified,
    mustChangePassword: u.must_change_password,
    permissions: permissionsOf({ roles: u.roles, profile }),
    locale: u.locale,
    // GB/T 22239-2019 8.1.4.1: the user sees when and from where they signed in before this session.
    previousSignIn: u.previous_sign_in_at
      ? { at: new Date(u.previous_sign_in_at).toISOString(), ip: u.previous_sign_in_ip }
      : null,
  };
}

export function meOf(ctx: AppContext, caller: Caller) {
  return buildMe(ctx.db, caller.actor.userId, caller.actor.mfaVerified, permissionProfile(ctx.config));
}
