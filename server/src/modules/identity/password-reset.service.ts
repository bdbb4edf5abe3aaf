import type { AppContext } from '../../platform/context.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { DomainError, validationError } from '../../platform/errors.js';
import type { AnyCaller } from '../../platform/caller.js';
import { maskEmail } from '../../platform/mail/mailer.js';
import { bilingualMail } from '../../platform/mail/templates.js';
import { hashPassword, newSessionToken, sha256 } from './identity.crypto.js';
import {
  clearBackoff,
  countPasswordResets,
  deleteUserSessions,
  findActiveUsersByAccount,
  findPasswordReset,
  findUserById,
  insertPasswordReset,
  replacePassword,
  recordResetRequest,
  resetRequestCounts,
  spendPasswordResets,
} from './identity.repo.js';
import { accountKey, pausedUntilText, secondsUntil } from './backoff.rules.js';
import { MLPS_PASSWORD_HISTORY, checkPasswordPolicy, passwordReusedError } from './password.rules.js';
import { mlpsStaff, passwordReused } from './auth.service.js';

/** A 忘记密码 link works once, for this long. */
export const RESET_TTL_MS = 30 * 60_000;
/** Requests counted over this window for the throttles below. */
export const RESET_WINDOW_MS = 60 * 60_000;
/** Requests from one address per window (any account names). */
export const RESET_MAX_PER_IP = 10;
/** Requests naming one account (as typed) per window. */
export const RESET_MAX_PER_ACCOUNT = 3;
/** Links sent to one user per window, however the account was named: beyond it, silently none. */
export const RESET_MAX_LINKS_PER_USER = 3;

const typedForAudit = (key: string) => (key.includes('@') ? maskEmail(key) : key.slice(0, 100));

/**
 * POST /api/auth/password-reset: e-mails a single-use link to the active account whose user name
 * or e-mail is `account`. Answers the same (202) whether or not such an account exists; only the
 * throttles (keyed by the address and by the name as typed, never by the account's existence)
 * answer 429. The token travels in the link's fragment and only its SHA-256 is stored.
 */
export async function requestPasswordReset(ctx: AppContext, caller: AnyCaller, input: { account: string }) {
  const now = ctx.now();
  const ip = caller.ip ?? 'unknown';
  const key = accountKey(input.account);
  const since = new Date(now.getTime() - RESET_WINDOW_MS);
  const counts = await resetRequestCounts(ctx.db, ip, key, since);
  const over =
    counts.ip.n >= RESET_MAX_PER_IP
      ? counts.ip
      : counts.account.n >= RESET_MAX_PER_ACCOUNT
        ? counts.account
        : null;
  if (over) {
    const until = new Date((over.oldest ?? now).getTime() + RESET_WINDOW_MS);
    await auditEvent(ctx.db, {
      actor: { id: null, ip },
      action: 'auth.password.reset.throttled',
      result: 'denied',
      detail: { account: typedForAudit(key), by: over === counts.ip ? 'ip' : 'account' },
    });
    const t = pausedUntilText(until);
    throw new DomainError('password_reset_throttled', {
      zh: `重置密码的请求过于频繁，请于 ${t.zh}（北京时间）后再试`,
      en: `Too many password reset requests; try again after ${t.en} (Beijing time, UTC+8)`,
      params: { retryAt: until.toISOString() },
      retryAfterSeconds: secondsUntil(until, now),
    });
  }
  const users = await findActiveUsersByAccount(ctx.db, key);
  await ctx.db.transaction().execute(async (trx) => {
    await recordResetRequest(trx, { ip, account_key: key, at: now }, since);
    if (!users.length) {
      await appendAudit(trx, {
        actor: { id: null, ip },
        action: 'auth.password.reset.request',
        result: 'failed',
        detail: { reason: 'unknown_account', account: typedForAudit(key) },
      });
    }
    for (const u of users) {
      if ((await countPasswordResets(trx, u.id, since)) >= RESET_MAX_LINKS_PER_USER) {
        await appendAudit(trx, {
          actor: { id: null, ip },
          action: 'auth.password.reset.request',
          objectType: 'user',
          objectId: u.id,
          result: 'denied',
          detail: { reason: 'too_many_links' },
        });
        continue;
      }
      const { token, idHash } = newSessionToken();
      const expires = new Date(now.getTime() + RESET_TTL_MS);
      await insertPasswordReset(trx, {
        token_hash: idHash,
        user_id: u.id,
        created_at: now,
        expires_at: expires,
        used_at: null,
        ip,
      });
      const t = pausedUntilText(expires);
      await ctx.mail?.enqueue(
        trx,
        bilingualMail({
          to: u.email,
          titleZh: '重置密码',
          titleEn: 'Reset your password',
          bodyZh:
            `${u.name}，您好：\n\n有人（希望是您本人）申请重置科转通账号「${u.username}」的密码。` +
            `请在 ${t.zh}（北京时间）之前打开下面的链接设置新密码，链接只能使用一次。\n\n` +
            `如果不是您本人申请，请忽略此邮件，您的密码不会改变。`,
          bodyEn:
            `Someone (we hope you) asked to reset the password of the TransferOne account "${u.username}". ` +
            `Open the link below before ${t.en} (Beijing time) to set a new password; it works once.\n\n` +
            `If this was not you, ignore this e-mail; your password stays as it is.`,
          link: `${ctx.config.baseUrl}/reset-password#token=${token}`,
        }),
      );
      await appendAudit(trx, {
        actor: { id: null, ip },
        action: 'auth.password.reset.request',
        objectType: 'user',
        objectId: u.id,
        detail: { expiresAt: expires.toISOString(), mailed: !!ctx.mail },
      });
    }
  });
}

/**
 * POST /api/auth/password-reset/confirm: sets a new password (the same policy as everywhere) with
 * the link's token, spends every open link of the user, ends all the user's sessions, clears the
 * sign-in back-off for the account and audits. A wrong, used or expired token says which.
 */
export async function confirmPasswordReset(
  ctx: AppContext,
  caller: AnyCaller,
  input: { token: string; newPassword: string },
) {
  const now = ctx.now();
  const ip = caller.ip ?? 'unknown';
  const tokenHash = sha256(input.token);
  const refuse = async (
    code: 'reset_link_invalid' | 'reset_link_used' | 'reset_link_expired',
    userId?: string,
  ) => {
    await auditEvent(ctx.db, {
      actor: { id: null, ip },
      action: 'auth.password.reset',
      objectType: userId ? 'user' : undefined,
      objectId: userId,
      result: 'failed',
      detail: { reason: code },
    });
    return new DomainError(code);
  };
  const row = await findPasswordReset(ctx.db, tokenHash);
  if (!row) throw await refuse('reset_link_invalid');
  if (row.used_at) throw await refuse('reset_link_used', row.user_id);
  if (new Date(row.expires_at).getTime() <= now.getTime())
    throw await refuse('reset_link_expired', row.user_id);
  const user = await findUserById(ctx.db, row.user_id);
  if (!user || user.status !== 'active') throw await refuse('reset_link_invalid', row.user_id);
  // A reset is a password change like any other: under the MLPS profile the staff rules and the
  // history of the last five apply here too; the replaced password joins the history whatever the
  // profile, as on every change and admin reset.
  const mlps = mlpsStaff(ctx, user.roles);
  const errors = checkPasswordPolicy(input.newPassword, 'newPassword', user.username, { mlps });
  if (mlps && (await passwordReused(ctx.db, user, input.newPassword)))
    errors.push(passwordReusedError('newPassword'));
  if (errors.length) throw validationError(errors);
  const hash = await hashPassword(input.newPassword);
  const spent = await ctx.db.transaction().execute(async (trx) => {
    const locked = await findPasswordReset(trx, tokenHash, true);
    if (!locked || locked.used_at) return false; // a second tab got there first
    await replacePassword(trx, user, hash, now, MLPS_PASSWORD_HISTORY, {
      must_change_password: false,
      failed_logins: 0,
      locked_until: null,
    });
    await spendPasswordResets(trx, user.id, now);
    await deleteUserSessions(trx, user.id);
    await clearBackoff(trx, [accountKey(user.username), accountKey(user.email)]);
    await appendAudit(trx, {
      actor: { id: user.id, orgId: user.org_id, label: user.name, ip },
      action: 'auth.password.reset',
      objectType: 'user',
      objectId: user.id,
      detail: { sessionsEnded: true },
    });
    return true;
  });
  if (!spent) throw await refuse('reset_link_used', user.id);
}
