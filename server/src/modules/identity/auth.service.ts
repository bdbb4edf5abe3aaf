import type { AppContext } from '../../platform/context.js';
import { permissionProfile } from '../../platform/config.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { auditActor, type AnyCaller, type Caller } from '../../platform/caller.js';
import { proofIsStale } from '../../platform/permissions.js';
import { hashPassword, verifyPassword } from './identity.crypto.js';
import {
  accountKey,
  BACKOFF_FORGET_MS,
  backoffDelayMs,
  pausedUntilText,
  secondsUntil,
} from './backoff.rules.js';
import {
  bumpBackoff,
  clearBackoff,
  countIpFailures,
  findBackoff,
  setBackoffUntil,
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  oldestIpFailure,
  replacePassword,
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
 * Counts one failed proof of identity made inside a signed-in session (TOTP, re-authentication,
 * password change) on a locked row inside `trx`; the fifth in a row locks the account for 15
 * minutes. Anonymous sign-in failures never come here (they back off per name + IP, see `login`),
 * so no stranger can lock an account. Live sessions are left alone. Returns whether it locked now.
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

/** 429 `sign_in_paused`: says until when (Beijing time), in Chinese and English. */
export function pausedError(until: Date, now: Date): DomainError {
  const t = pausedUntilText(until);
  return new DomainError('sign_in_paused', {
    zh: `该账号在您当前网络地址的登录失败次数过多，登录已暂停，请于 ${t.zh}（北京时间）后再试`,
    en: `Too many failed sign-ins to this account from your network address: sign-in is paused until ${t.en} (Beijing time, UTC+8)`,
    params: { pausedUntil: until.toISOString() },
    retryAfterSeconds: secondsUntil(until, now),
  });
}

/**
 * Sign-in with username and password. Every outcome is audited; every failure looks the same,
 * whether the name exists or not. Wrong guesses never lock the account and never end its sessions:
 * they pause sign-in for the typed name from the guessing address only (backoff.rules.ts), and an
 * attempt during a pause is refused (429, `Retry-After`, "paused until …") before the password is
 * checked — so the pause is no oracle for the right password, and a known and an unknown name
 * answer alike. The per-IP throttle over all names stays in front.
 */
export async function login(
  ctx: AppContext,
  caller: AnyCaller,
  input: { username: string; password: string },
) {
  const now = ctx.now();
  const ip = caller.ip ?? 'unknown';
  const key = accountKey(input.username);
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
  const backoff = await findBackoff(ctx.db, key, ip);
  if (backoff?.blocked_until && new Date(backoff.blocked_until).getTime() > now.getTime()) {
    await auditEvent(ctx.db, {
      actor: { id: null, ip },
      action: 'auth.login',
      result: 'denied',
      detail: { reason: 'paused', username: input.username.slice(0, 100) },
    });
    throw pausedError(new Date(backoff.blocked_until), now);
  }
  const found = await findUserByUsername(ctx.db, input.username);
  const passwordOk = await verifyPassword(found?.password_hash, input.password);
  type Outcome =
    | { kind: 'ok'; user: UserRow; session: Awaited<ReturnType<typeof startSession>> }
    | { kind: 'failed'; pausedUntil?: Date }
    | { kind: 'locked'; until: Date };
  const outcome = await ctx.db.transaction().execute(async (trx): Promise<Outcome> => {
    const failed = async (reason: string, user?: UserRow): Promise<Outcome> => {
      await recordIpFailure(trx, ip, now, new Date(now.getTime() - IP_WINDOW_MS));
      const failures = await bumpBackoff(trx, key, ip, now, new Date(now.getTime() - BACKOFF_FORGET_MS));
      const delay = backoffDelayMs(failures);
      const actor = user ? { id: user.id, orgId: user.org_id, label: user.name, ip } : { id: null, ip };
      await appendAudit(trx, {
        actor,
        action: 'auth.login',
        objectType: 'user',
        objectId: user?.id,
        result: 'failed',
        detail: { reason, username: input.username.slice(0, 100) },
      });
      if (!delay) return { kind: 'failed' };
      const pausedUntil = new Date(now.getTime() + delay);
      await setBackoffUntil(trx, key, ip, pausedUntil);
      await appendAudit(trx, {
        actor,
        action: 'auth.login.backoff',
        objectType: 'user',
        objectId: user?.id,
        result: 'denied',
        detail: {
          username: input.username.slice(0, 100),
          failures,
          delaySeconds: delay / 1000,
          pausedUntil: pausedUntil.toISOString(),
        },
      });
      return { kind: 'failed', pausedUntil };
    };
    if (!found) return failed('unknown_user');
    const user = (await findUserById(trx, found.id, true))!;
    if (user.status !== 'active') return failed('disabled', user);
    if (!passwordOk || user.password_hash !== found.password_hash) return failed('wrong_password', user);
    // The right password: the guessing is over for this name from this address.
    await clearBackoff(trx, [key], ip);
    // A lock only an authenticated session can cause (wrong TOTP codes), told only to whoever
    // knows the password.
    if (isLocked(user, now)) {
      await appendAudit(trx, {
        actor: { id: user.id, orgId: user.org_id, label: user.name, ip },
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        result: 'failed',
        detail: { reason: 'locked', username: input.username.slice(0, 100) },
      });
      return { kind: 'locked', until: new Date(user.locked_until!) };
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
    // TOTP failures are forgiven only once the whole sign-in succeeded: while the TOTP step is
    // still open, wrong codes keep counting towards its lockout.
    if (session.mfa === 'none') await updateUser(trx, user.id, { failed_logins: 0, locked_until: null });
    await appendAudit(trx, {
      actor: { id: user.id, orgId: user.org_id, label: user.name, ip: ip },
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      detail: { method: 'password', mfa: session.mfa },
    });
    return { kind: 'ok', user, session };
  });
  if (outcome.kind === 'failed') {
    if (outcome.pausedUntil) throw pausedError(outcome.pausedUntil, now);
    throw fail();
  }
  if (outcome.kind === 'locked') {
    const t = pausedUntilText(outcome.until);
    throw new DomainError('account_locked', {
      zh: `账号因两步验证码多次错误已临时锁定，请于 ${t.zh}（北京时间）后再试`,
      en: `The account is locked after repeated wrong authenticator codes until ${t.en} (Beijing time, UTC+8)`,
      params: { lockedUntil: outcome.until.toISOString() },
      retryAfterSeconds: secondsUntil(outcome.until, now),
    });
  }
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
    await replacePassword(trx, found, hash, now, MLPS_PASSWORD_HISTORY, { must_change_password: false });
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
