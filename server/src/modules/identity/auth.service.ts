import type { AppContext } from '../../platform/context.js';
import { permissionProfile } from '../../platform/config.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { auditActor, type AnyCaller, type Caller } from '../../platform/caller.js';
import { proofIsStale } from '../../platform/permissions.js';
import { hashPassword, verifyPassword } from './identity.crypto.js';
import {
  countIpFailures,
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  oldestIpFailure,
  pushPasswordHistory,
  recentPasswordHashes,
  recordIpFailure,
  updateSession,
  updateUser,
  type Db,
} from './identity.repo.js';
import {
  MLPS_PASSWORD_HISTORY,
  checkPasswordPolicy,
  passwordExpired,
  passwordReusedError,
} from './password.rules.js';
import { limitConcurrentSessions, startSession } from './session.service.js';
import { isMlpsStaff } from '../../platform/roles.js';
import { buildMe } from './me.js';
import type { UserTable } from './identity.tables.js';
import type { Selectable, Updateable } from 'kysely';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;
/** Failed sign-ins from one IP address within IP_WINDOW_MS before it is throttled. */
export const IP_MAX_FAILURES = 30;
export const IP_WINDOW_MS = 15 * 60_000;

type UserRow = Selectable<UserTable>;

const fail = () => new DomainError('invalid_credentials');

/**
 * Counts one failed proof of identity (password or TOTP) on a locked row inside `trx`; the fifth in
 * a row locks the account for 15 minutes. Live sessions are left alone (ASVS: a stranger's wrong
 * guesses must not sign the owner out). Returns whether it locked now.
 */
export async function countFailure(
  trx: Db,
  caller: AnyCaller,
  user: UserRow,
  now: Date,
  kind: string,
): Promise<boolean> {
  const n = user.failed_logins + 1;
  const lock = n >= MAX_FAILED_LOGINS;
  await updateUser(trx, user.id, {
    failed_logins: lock ? 0 : n,
    locked_until: lock ? new Date(now.getTime() + LOCK_MS) : user.locked_until,
  });
  if (lock) {
    await appendAudit(trx, {
      actor: { id: user.id, orgId: user.org_id, label: user.name, ip: caller.ip },
      action: 'auth.login.locked',
      objectType: 'user',
      objectId: user.id,
      result: 'denied',
      detail: { after: kind, failures: n, lockedUntil: new Date(now.getTime() + LOCK_MS).toISOString() },
    });
  }
  return lock;
}

export function isLocked(user: Pick<UserRow, 'locked_until'>, now: Date): boolean {
  return !!user.locked_until && new Date(user.locked_until).getTime() > now.getTime();
}

/** Whether the MLPS level-3 password rules apply to an account with `roles` on this installation. */
export function mlpsStaff(ctx: AppContext, roles: UserRow['roles']): boolean {
  return ctx.config.securityProfile === 'mlps3' && isMlpsStaff(roles);
}

/** Whether `password` is the current one or one of the newest replaced ones (MLPS: the last 5 in all). */
export async function passwordReused(db: Db, user: UserRow, password: string): Promise<boolean> {
  const hashes = [
    user.password_hash,
    ...(await recentPasswordHashes(db, user.id, MLPS_PASSWORD_HISTORY - 1)),
  ];
  for (const h of hashes) if (h && (await verifyPassword(h, password))) return true;
  return false;
}

/** Sign-in with username and password. Every outcome is audited; every failure looks the same. */
export async function login(
  ctx: AppContext,
  caller: AnyCaller,
  input: { username: string; password: string },
) {
  const now = ctx.now();
  const ip = caller.ip ?? 'unknown';
  const windowStart = new Date(now.getTime() - IP_WINDOW_MS);
  if ((await countIpFailures(ctx.db, ip, windowStart)) >= IP_MAX_FAILURES) {
    const oldest = await oldestIpFailure(ctx.db, ip, windowStart);
    const retryAfterSeconds = oldest
      ? (oldest.getTime() + IP_WINDOW_MS - now.getTime()) / 1000
      : IP_WINDOW_MS / 1000;
    await auditEvent(ctx.db, {
      actor: { id: null, ip },
      action: 'auth.login.throttled',
      result: 'denied',
      detail: { username: input.username.slice(0, 100) },
    });
    throw new DomainError('too_many_attempts', { retryAfterSeconds });
  }
  const found = await findUserByUsername(ctx.db, input.username);
  const passwordOk = await verifyPassword(found?.password_hash, input.password);
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const failed = async (reason: string, user?: UserRow) => {
      await recordIpFailure(trx, ip, now, new Date(now.getTime() - IP_WINDOW_MS));
      await appendAudit(trx, {
        actor: user ? { id: user.id, orgId: user.org_id, label: user.name, ip: ip } : { id: null, ip },
        action: 'auth.login',
        objectType: 'user',
        objectId: user?.id,
        result: 'failed',
        detail: { reason, username: input.username.slice(0, 100) },
      });
      return null;
    };
    if (!found) return failed('unknown_user');
    const user = (await findUserById(trx, found.id, true))!;
    if (isLocked(user, now)) return failed('locked', user);
    if (user.status !== 'active') return failed('disabled', user);
    if (!passwordOk || user.password_hash !== found.password_hash) {
      await countFailure(trx, caller, user, now, 'password');
      return failed('wrong_password', user);
    }
    const session = await startSession(trx, now, user, caller);
    await limitConcurrentSessions(trx, ctx.config, user, caller, session.idHash);
    // MLPS profile: a staff password older than 90 days must be changed before anything else.
    if (
      mlpsStaff(ctx, user.roles) &&
      !user.must_change_password &&
      passwordExpired(user.password_changed_at, now)
    ) {
      await updateUser(trx, user.id, { must_change_password: true });
      await appendAudit(trx, {
        actor: { id: user.id, orgId: user.org_id, label: user.name, ip: ip },
        action: 'auth.password.expired',
        objectType: 'user',
        objectId: user.id,
        detail: {
          profile: 'mlps3',
          changedAt: user.password_changed_at ? new Date(user.password_changed_at).toISOString() : null,
        },
      });
    }
    // Failures are forgiven only once the whole sign-in succeeded: while the TOTP step is still
    // open, wrong codes keep counting towards the lockout (a correct password alone must not reset it).
    if (session.mfa === 'none') await updateUser(trx, user.id, { failed_logins: 0, locked_until: null });
    await appendAudit(trx, {
      actor: { id: user.id, orgId: user.org_id, label: user.name, ip: ip },
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      detail: { method: 'password', mfa: session.mfa },
    });
    return { user, session };
  });
  if (!outcome) throw fail();
  const me = await buildMe(
    ctx.db,
    outcome.user.id,
    outcome.session.mfaVerified,
    permissionProfile(ctx.config),
  );
  return { token: outcome.session.token, mfa: outcome.session.mfa, me };
}

/** Re-authentication with the password (or a TOTP code, see totp.service): refreshes authenticatedAt. */
export async function reauthWithPassword(ctx: AppContext, caller: Caller, password: string) {
  const { actor } = caller;
  const now = ctx.now();
  const found = await findUserById(ctx.db, actor.userId);
  const ok = await verifyPassword(found?.password_hash, password);
  const good = await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, actor.userId, true);
    if (!user) return false;
    if (!ok || isLocked(user, now)) {
      if (!isLocked(user, now)) await countFailure(trx, caller, user, now, 'reauth');
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'auth.reauth',
        objectType: 'user',
        objectId: actor.userId,
        result: 'failed',
        detail: { method: 'password' },
      });
      return false;
    }
    await updateUser(trx, user.id, { failed_logins: 0 });
    await updateSession(trx, actor.sessionId, { authenticated_at: now, last_seen_at: now });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'auth.reauth',
      objectType: 'user',
      objectId: actor.userId,
      detail: { method: 'password' },
    });
    return true;
  });
  if (!good) throw fail();
}

/** Changes one's own password (route needs a recent re-authentication); other sessions end. */
export async function changePassword(
  ctx: AppContext,
  caller: Caller,
  input: { currentPassword: string; newPassword: string },
) {
  const { actor } = caller;
  const now = ctx.now();
  const found = await findUserById(ctx.db, actor.userId);
  if (!found) throw new DomainError('unauthenticated');
  const mlps = mlpsStaff(ctx, found.roles);
  const errors = checkPasswordPolicy(input.newPassword, 'newPassword', found.username, { mlps });
  if (
    mlps &&
    input.newPassword !== input.currentPassword &&
    (await passwordReused(ctx.db, found, input.newPassword))
  ) {
    errors.push(passwordReusedError('newPassword'));
  }
  if (input.newPassword === input.currentPassword) {
    errors.push(
      fieldError(
        'newPassword',
        'password_unchanged',
        '新密码不能与当前密码相同',
        'The new password must differ from the current one',
      ),
    );
  }
  const currentOk = await verifyPassword(found.password_hash, input.currentPassword);
  if (!currentOk) {
    errors.unshift(
      fieldError('currentPassword', 'wrong_password', '当前密码不正确', 'The current password is wrong'),
    );
    await ctx.db.transaction().execute(async (trx) => {
      const user = (await findUserById(trx, actor.userId, true))!;
      await countFailure(trx, caller, user, now, 'password_change');
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'auth.password.change',
        objectType: 'user',
        objectId: actor.userId,
        result: 'failed',
        detail: { reason: 'wrong_current_password' },
      });
    });
  }
  if (errors.length) throw validationError(errors);
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    if (found.password_hash)
      await pushPasswordHistory(trx, actor.userId, found.password_hash, now, MLPS_PASSWORD_HISTORY);
    await updateUser(trx, actor.userId, {
      password_hash: hash,
      password_changed_at: now,
      must_change_password: false,
      updated_at: now,
    });
    await deleteUserSessions(trx, actor.userId, actor.sessionId);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'auth.password.change',
      objectType: 'user',
      objectId: actor.userId,
      detail: { otherSessionsEnded: true },
    });
  });
}

/** PATCH /api/auth/me: one's own display name, e-mail and language. */
export async function updateMe(
  ctx: AppContext,
  caller: Caller,
  input: { locale?: 'zh-CN' | 'en'; name?: string; email?: string },
) {
  const { actor } = caller;
  await ctx.db.transaction().execute(async (trx) => {
    const user = (await findUserById(trx, actor.userId, true))!;
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Record<string, unknown> = {};
    for (const [k, col] of [
      ['locale', 'locale'],
      ['name', 'name'],
      ['email', 'email'],
    ] as const) {
      const v = input[k];
      if (v !== undefined && v !== user[col]) {
        before[k] = user[col];
        after[k] = v;
        set[col] = v;
      }
    }
    if (!Object.keys(set).length) return;
    // A new e-mail address takes over password resets: it needs a fresh proof of identity.
    if ('email' in set && proofIsStale(actor, ctx.now(), ctx.config.reauthMs)) {
      throw new DomainError('reauth_required');
    }
    await updateUser(trx, actor.userId, {
      ...set,
      updated_at: ctx.now(),
      version: user.version + 1,
    } as Updateable<UserTable>);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'user.update',
      objectType: 'user',
      objectId: actor.userId,
      before,
      after,
      detail: { self: true },
    });
  });
  return buildMe(ctx.db, actor.userId, actor.mfaVerified, permissionProfile(ctx.config));
}
