import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';

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
