import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AUTHENTICATED, PUBLIC } from '../../platform/permissions.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { clearSessionCookie, setSessionCookie } from './identity.context.js';
import { anonCallerOf, callerOf } from '../../platform/caller.js';
import { changePassword, login, reauthWithPassword, updateMe } from './auth.service.js';
import { activateTotp, enrolTotp, reauthWithTotp, verifyTotp } from './totp.service.js';
import { endSession } from './session.service.js';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.service.js';
import { buildMe, meOf } from './me.js';
import {
  LoginBody,
  LoginResult,
  Me,
  MeResult,
  PasswordBody,
  PasswordResetAccepted,
  PasswordResetBody,
  PasswordResetConfirmBody,
  PatchMeBody,
  ReauthBody,
  TotpCodeBody,
  TotpEnrolResult,
} from './auth.schema.js';

const tags = ['auth'];

/** Refuses with `reauth_required` when the session's last proof of identity is older than config.reauthMs. */
export function requireRecentAuth(ctx: AppContext) {
  return async (req: FastifyRequest) => {
    const a = req.actor;
    if (a && ctx.now().getTime() - a.authenticatedAt.getTime() > ctx.config.reauthMs) {
      throw new DomainError('reauth_required');
    }
  };
}
const pre = { permission: AUTHENTICATED, allowWithoutMfa: true, duringPasswordChange: true } as const;
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  409: ProblemSchema,
  423: ProblemSchema,
  429: ProblemSchema,
};

export async function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/auth/login',
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        summary: '账号密码登录 Sign in',
        body: LoginBody,
        response: { 200: LoginResult, ...problems },
      },
    },
    async (req, reply) => {
      const out = await login(ctx, anonCallerOf(ctx, req), req.body);
      setSessionCookie(ctx, req, reply, out.token);
      return { mfa: out.mfa, me: out.me };
    },
  );

  r.post(
    '/auth/password-reset',
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        summary: '忘记密码：发送重置链接 Forgot password: e-mail a reset link',
        body: PasswordResetBody,
        response: { 202: PasswordResetAccepted, ...problems },
      },
    },
    async (req, reply) => {
      await requestPasswordReset(ctx, anonCallerOf(ctx, req), req.body);
      return reply.status(202).send({
        message: '如果该账号存在且已登记邮箱，重置密码的链接已发送到该邮箱，30分钟内有效，只能使用一次。',
        messageEn:
          'If the account exists, a link to reset its password has been sent to its e-mail address; it is valid for 30 minutes and works once.',
      });
    },
  );

  r.post(
    '/auth/password-reset/confirm',
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        summary: '忘记密码：设置新密码 Forgot password: set a new password',
        body: PasswordResetConfirmBody,
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await confirmPasswordReset(ctx, anonCallerOf(ctx, req), req.body);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/auth/logout',
    {
      config: pre,
      schema: { tags, summary: '退出登录 Sign out', response: { 204: z.null(), ...problems } },
    },
    async (req, reply) => {
      await endSession(ctx, callerOf(ctx, req));
      clearSessionCookie(ctx, req, reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/auth/me',
    {
      config: pre,
      schema: { tags, summary: '当前用户 The signed-in user', response: { 200: Me, ...problems } },
    },
    async (req) => meOf(ctx, callerOf(ctx, req)),
  );

  // the web's first question on every page load: anonymous is an answer (200, me null), not an error,
  // so an anonymous visit logs no 401 in the browser console (issue 11)
  r.get(
    '/auth/session',
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        summary: '当前会话（未登录时 me 为 null） The session, me null when anonymous',
        response: { 200: z.object({ me: Me.nullable() }), ...problems },
      },
    },
    async (req) => {
      const caller = anonCallerOf(ctx, req);
      return {
        me: caller.actor ? await buildMe(ctx.db, caller.actor.userId, caller.actor.mfaVerified) : null,
      };
    },
  );

  r.patch(
    '/auth/me',
    {
      config: { permission: AUTHENTICATED },
      schema: {
        tags,
        summary: '修改个人信息 Edit my profile',
        body: PatchMeBody,
        response: { 200: Me, ...problems },
      },
    },
    async (req) => updateMe(ctx, callerOf(ctx, req), req.body),
  );

  r.post(
    '/auth/totp/enrol',
    {
      config: pre,
      schema: {
        tags,
        summary: '绑定身份验证器 Enrol an authenticator',
        response: { 200: TotpEnrolResult, ...problems },
      },
    },
    async (req) => enrolTotp(ctx, callerOf(ctx, req)),
  );

  r.post(
    '/auth/totp/activate',
    {
      config: pre,
      schema: {
        tags,
        summary: '启用两步验证 Activate two-factor authentication',
        body: TotpCodeBody,
        response: { 200: MeResult, ...problems },
      },
    },
    async (req) => ({ me: await activateTotp(ctx, callerOf(ctx, req), req.body.code) }),
  );

  r.post(
    '/auth/totp/verify',
    {
      config: pre,
      schema: {
        tags,
        summary: '输入动态验证码 Verify the authenticator code',
        body: TotpCodeBody,
        response: { 200: MeResult, ...problems },
      },
    },
    async (req) => ({ me: await verifyTotp(ctx, callerOf(ctx, req), req.body.code) }),
  );

  r.post(
    '/auth/reauth',
    {
      config: { permission: AUTHENTICATED, duringPasswordChange: true },
      schema: {
        tags,
        summary: '重新验证身份 Confirm your identity again',
        body: ReauthBody,
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      const b = req.body;
      if ('code' in b) await reauthWithTotp(ctx, callerOf(ctx, req), b.code);
      else await reauthWithPassword(ctx, callerOf(ctx, req), b.password);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/auth/password',
    {
      config: { permission: AUTHENTICATED, reauth: true, duringPasswordChange: true },
      // The platform gate returns before its reauth check on `authenticated` routes; check here too.
      preHandler: requireRecentAuth(ctx),
      schema: {
        tags,
        summary: '修改密码 Change my password',
        body: PasswordBody,
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await changePassword(ctx, callerOf(ctx, req), req.body);
      return reply.status(204).send(null);
    },
  );
}
