import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { PUBLIC } from '../../platform/permissions.js';
import { isMlpsStaff, roleRequiresMfa, type Actor, type Role } from '../../platform/roles.js';
import type { Config } from '../../platform/config.js';
import { newSessionToken, sha256 } from './identity.crypto.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessions,
  findSession,
  insertSession,
  listUserSessions,
  recordSignIn,
  updateSession,
  type Db,
} from './identity.repo.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { SESSION_COOKIE } from './identity.context.js';
import { anonCallerOf, auditActor, type AnyCaller, type Caller } from '../../platform/caller.js';

/** last_seen_at is written at most this often. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Starts a session (inside the sign-in transaction); returns the cookie value. */
export async function startSession(
  trx: Db,
  now: Date,
  user: { id: string; roles: Role[]; totp_enabled: boolean },
  from: Pick<AnyCaller, 'ip' | 'userAgent'>,
  method: 'password' | 'oidc' = 'password',
) {
  const { token, idHash } = newSessionToken();
  const mfaVerified = !roleRequiresMfa(user.roles) && !user.totp_enabled;
  await insertSession(trx, {
    id_hash: idHash,
    user_id: user.id,
    created_at: now,
    last_seen_at: now,
    authenticated_at: now,
    mfa_verified: mfaVerified,
    method,
    ip: from.ip,
    user_agent: from.userAgent,
  });
  await recordSignIn(trx, user.id, now, from.ip ?? null);
  const mfa: 'none' | 'required' | 'enrol' = mfaVerified ? 'none' : user.totp_enabled ? 'required' : 'enrol';
  return { token, idHash, mfa, mfaVerified };
}

/**
 * The MLPS profile's limit on concurrent sessions: after a sign-in, the user's oldest sessions end
 * until at most `maxSessions` remain, each audited (`auth.session.ended`, reason `concurrent_limit`).
 */
export async function limitConcurrentSessions(
  trx: Db,
  config: Config,
  user: { id: string; org_id: string; name: string },
  from: Pick<AnyCaller, 'ip'>,
  keepIdHash: string,
): Promise<number> {
  if (config.securityProfile !== 'mlps3') return 0;
  const all = (await listUserSessions(trx, user.id)).filter((s) => s.id_hash !== keepIdHash);
  const excess = all.length + 1 - config.mlps.maxSessions;
  if (excess <= 0) return 0;
  const ended = all.slice(0, excess);
  await deleteSessions(
    trx,
    ended.map((s) => s.id_hash),
  );
  for (const s of ended) {
    await appendAudit(trx, {
      actor: { id: user.id, orgId: user.org_id, label: user.name, ip: from.ip },
      action: 'auth.session.ended',
      objectType: 'user',
      objectId: user.id,
      detail: {
        reason: 'concurrent_limit',
        maxSessions: config.mlps.maxSessions,
        startedAt: new Date(s.created_at).toISOString(),
        ip: s.ip,
      },
    });
  }
  return ended.length;
}

/** The idle and absolute limits of a session of a user with `roles` (the MLPS profile tightens staff's). */
export function sessionLimits(
  config: Config,
  roles: readonly Role[],
): { idleMs: number; absoluteMs: number } {
  if (config.securityProfile !== 'mlps3') {
    return { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  }
  const absoluteMs = Math.min(config.sessionAbsoluteMs, config.mlps.absoluteMs);
  const idleMs = isMlpsStaff(roles)
    ? Math.min(config.sessionIdleMs, config.mlps.staffIdleMs)
    : config.sessionIdleMs;
  return { idleMs, absoluteMs };
}

export type SessionState =
  { kind: 'none' } | { kind: 'expired' } | { kind: 'ok'; actor: Actor; totpEnabled: boolean };

/** Judges the session cookie against the idle and absolute timeouts at ctx.now(). */
export async function readSession(
  ctx: AppContext,
  caller: AnyCaller,
  token: string | undefined,
): Promise<SessionState> {
  if (!token || token.length > 100) return { kind: 'none' };
  const idHash = sha256(token);
  const s = await findSession(ctx.db, idHash);
  if (!s) return { kind: 'none' };
  const now = ctx.now();
  if (s.status !== 'active') {
    await deleteSession(ctx.db, idHash);
    return { kind: 'none' };
  }
  const idle = now.getTime() - new Date(s.last_seen_at).getTime();
  const age = now.getTime() - new Date(s.created_at).getTime();
  const limits = sessionLimits(ctx.config, s.roles);
  if (idle > limits.idleMs || age > limits.absoluteMs) {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await deleteSession(trx, idHash))) return;
      await appendAudit(trx, {
        actor: { id: s.user_id, orgId: s.org_id, label: s.name, ip: caller.ip },
        action: 'auth.session.expired',
        objectType: 'user',
        objectId: s.user_id,
        detail: {
          reason: age > limits.absoluteMs ? 'absolute' : 'idle',
          ...(ctx.config.securityProfile === 'mlps3' ? { profile: 'mlps3' } : {}),
        },
      });
    });
    return { kind: 'expired' };
  }
  if (idle >= TOUCH_INTERVAL_MS) await updateSession(ctx.db, idHash, { last_seen_at: now });
  return {
    kind: 'ok',
    totpEnabled: s.totp_enabled,
    actor: {
      userId: s.user_id,
      orgId: s.org_id,
      name: s.name,
      roles: s.roles,
      sessionId: idHash,
      mfaVerified: s.mfa_verified,
      authenticatedAt: new Date(s.authenticated_at),
      mustChangePassword: s.must_change_password,
      ...(ctx.config.securityProfile === 'mlps3' ? { profile: 'mlps3' as const } : {}),
    },
  };
}

/**
 * The actor resolver the HTTP layer calls on every /api request. An expired session answers
 * `session_expired` on routes that need a sign-in; a user who turned TOTP on without their role
 * requiring it must still pass it (`mfa_required`) before anything but the sign-in routes.
 */
export function createActorResolver(ctx: AppContext) {
  return async (req: FastifyRequest): Promise<Actor | null> => {
    const cfg = req.routeOptions?.config;
    const needsSignIn = !!cfg?.permission && cfg.permission !== PUBLIC;
    // no actor yet: the session is what names one
    const state = await readSession(ctx, anonCallerOf(ctx, req), req.cookies?.[SESSION_COOKIE]);
    if (state.kind === 'expired') {
      if (needsSignIn) throw new DomainError('session_expired');
      return null;
    }
    if (state.kind === 'none') return null;
    const { actor } = state;
    if (needsSignIn && !actor.mfaVerified && !cfg?.allowWithoutMfa && state.totpEnabled) {
      throw new DomainError('mfa_required');
    }
    return actor;
  };
}

/** Ends the current session (logout). */
export async function endSession(ctx: AppContext, caller: Caller) {
  const { actor } = caller;
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, actor.sessionId);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'auth.logout',
      objectType: 'user',
      objectId: actor.userId,
    });
  });
}

export const SESSION_PURGE_JOB = 'identity.purge-sessions';

/**
 * Deletes every session past its idle or absolute limit (expired sessions are otherwise only
 * removed when their cookie comes back) and audits how many went.
 */
export async function purgeExpiredSessions(ctx: AppContext): Promise<number> {
  const now = ctx.now().getTime();
  return ctx.db.transaction().execute(async (trx) => {
    // Under the MLPS profile staff sessions idle out sooner; readSession ends those when their cookie
    // comes back, this purge uses the limits every session has.
    const limits = sessionLimits(ctx.config, []);
    const n = await deleteExpiredSessions(
      trx,
      new Date(now - limits.absoluteMs),
      new Date(now - limits.idleMs),
    );
    if (n > 0)
      await appendAudit(trx, {
        actor: { id: null, label: 'system' },
        action: 'auth.sessions.purged',
        objectType: 'session',
        objectId: '*',
        detail: { count: n },
      });
    return n;
  });
}

/** The identity module's scheduled work: the hourly purge of expired sessions. */
export async function registerIdentityJobs(ctx: AppContext, jobs: JobQueue): Promise<void> {
  await jobs.work(
    SESSION_PURGE_JOB,
    async () => {
      await purgeExpiredSessions(ctx);
    },
    { retryLimit: 2, retryDelay: 60 },
  );
  await jobs.schedule(SESSION_PURGE_JOB, '23 * * * *');
}
