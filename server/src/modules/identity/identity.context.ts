import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditActor } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/roles.js';

/**
 * @deprecated Use `auditActor(caller)` from platform/caller.ts. Kept exported only while calls/ and
 * applications/ are converted to the Caller on their own branch; the coordinator deletes it after
 * merging both branches (issue 9, "one caller").
 */
export function auditActorOf(actor: Pick<Actor, 'userId' | 'orgId' | 'name'>, ip?: string): AuditActor {
  return { id: actor.userId, orgId: actor.orgId, label: actor.name, ip: ip ?? null };
}

export const SESSION_COOKIE = 'sid';

export function cookieSecure(ctx: AppContext, req: FastifyRequest): boolean {
  const c = ctx.config.cookieSecure;
  return c === 'auto' ? req.protocol === 'https' : c;
}

export function setSessionCookie(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(ctx, req),
    path: '/',
    maxAge: Math.floor(ctx.config.sessionAbsoluteMs / 1000),
  });
}

export function clearSessionCookie(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(ctx, req),
    path: '/',
  });
}
