import QRCode from 'qrcode';
import type { AppContext } from '../../platform/context.js';
import { permissionProfile } from '../../platform/config.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { decryptSecret, encryptSecret, identityKey } from './identity.crypto.js';
import { deleteSession, findUserById, updateSession, updateUser } from './identity.repo.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.rules.js';
import { countFailure, isLocked } from './auth.service.js';
import { buildMe } from './me.js';

/**
 * TOTP enrolment: a new secret is stored encrypted (AES-256-GCM with the installation key) and
 * shown once; after activation it is never returned again. Re-enrolling an active authenticator
 * needs an administrator to reset it (not through this route).
 */
export async function enrolTotp(ctx: AppContext, caller: Caller) {
  const { actor } = caller;
  const key = await identityKey(ctx);
  const secret = newTotpSecret();
  const user = await ctx.db.transaction().execute(async (trx) => {
    const u = (await findUserById(trx, actor.userId, true))!;
    if (u.totp_enabled) throw new DomainError('mfa_already_enabled');
    await updateUser(trx, u.id, { totp_secret_enc: encryptSecret(key, secret), totp_last_step: null });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'auth.totp.enrol',
      objectType: 'user',
      objectId: u.id,
    });
    return u;
  });
  const otpauthUrl = totpUri(user.username, secret);
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl) };
}

/**
 * Checks a code for the signed-in user in one transaction: on success the step is remembered
 * (no replay) and the session counts as verified and freshly authenticated; a wrong code counts
 * toward the lockout. `purpose` names the audit action.
 */
async function proveTotp(
  ctx: AppContext,
  caller: Caller,
  code: string,
  purpose: 'activate' | 'verify' | 'reauth',
): Promise<void> {
  const key = await identityKey(ctx);
  const { actor } = caller;
  const now = ctx.now();
  const action = purpose === 'reauth' ? 'auth.reauth' : `auth.totp.${purpose}`;
  const ok = await ctx.db.transaction().execute(async (trx) => {
    const u = (await findUserById(trx, actor.userId, true))!;
    if (!u.totp_secret_enc) throw new DomainError('mfa_not_enrolled');
    if (purpose === 'activate' && u.totp_enabled) throw new DomainError('mfa_already_enabled');
    if (purpose !== 'activate' && !u.totp_enabled) throw new DomainError('mfa_not_enrolled');
    const step = isLocked(u, now)
      ? null
      : checkTotp(decryptSecret(key, u.totp_secret_enc), code, now, u.totp_last_step);
    if (step === null) {
      const locked = !isLocked(u, now) && (await countFailure(trx, caller, u, now, `totp_${purpose}`));
      // The session that made the wrong guesses ends; the account's other sessions do not.
      if (locked) await deleteSession(trx, caller.actor.sessionId);
      await appendAudit(trx, {
        actor: auditActor(caller),
        action,
        objectType: 'user',
        objectId: u.id,
        result: 'failed',
        detail: { method: 'totp' },
      });
      return false;
    }
    await updateUser(trx, u.id, {
      totp_last_step: step,
      failed_logins: 0,
      ...(purpose === 'activate' ? { totp_enabled: true, updated_at: now } : {}),
    });
    await updateSession(trx, actor.sessionId, {
      mfa_verified: true,
      authenticated_at: now,
      last_seen_at: now,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action,
      objectType: 'user',
      objectId: u.id,
      detail: { method: 'totp' },
    });
    return true;
  });
  if (!ok) throw new DomainError('mfa_invalid');
}

export async function activateTotp(ctx: AppContext, caller: Caller, code: string) {
  await proveTotp(ctx, caller, code, 'activate');
  return buildMe(ctx.db, caller.actor.userId, true, permissionProfile(ctx.config));
}

export async function verifyTotp(ctx: AppContext, caller: Caller, code: string) {
  await proveTotp(ctx, caller, code, 'verify');
  return buildMe(ctx.db, caller.actor.userId, true, permissionProfile(ctx.config));
}

export async function reauthWithTotp(ctx: AppContext, caller: Caller, code: string) {
  await proveTotp(ctx, caller, code, 'reauth');
}
