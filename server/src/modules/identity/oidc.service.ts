import type { FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { AppContext } from '../../platform/context.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { DomainError } from '../../platform/errors.js';
import { identityKey, sign, unsign } from './identity.crypto.js';
import { cookieSecure, setSessionCookie } from './identity.context.js';
import { anonCallerOf } from '../../platform/caller.js';
import { isLocked } from './auth.service.js';
import { limitConcurrentSessions, startSession } from './session.service.js';
import { findOidcUser, linkYwtbSubject } from './oidc.repo.js';

/**
 * Sign-in through 一网通办 as an OpenID Connect provider (authorization code + PKCE, state and
 * nonce kept in a short-lived signed cookie).
 *
 * Linking rule (decided): an account is found by its stored `ywtb_subject`; failing that, by the
 * e-mail address only when the provider says it is verified (`email_verified: true`) and exactly
 * one active, not-yet-linked account has it — that account is then linked to the subject (audited
 * `auth.oidc.link`). No account is created: accounts are opened by administrators, so a person
 * without one is sent back to the sign-in page with `?error=oidc_no_account`. A role that
 * requires TOTP still has to pass it after an OIDC sign-in.
 */
const STATE_COOKIE = 'oidc_tx';
const STATE_PATH = '/api/auth/oidc';
const STATE_TTL_MS = 10 * 60_000;

const configs = new WeakMap<AppContext, Promise<oidc.Configuration>>();

function isLocalhost(u: URL) {
  return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

function oidcConfiguration(ctx: AppContext): Promise<oidc.Configuration> {
  const c = ctx.config.oidc;
  if (!c) throw new DomainError('oidc_not_configured');
  let p = configs.get(ctx);
  if (!p) {
    const issuer = new URL(c.issuer);
    // Plain http is accepted for a provider on this machine only (development and tests).
    const execute = issuer.protocol === 'http:' && isLocalhost(issuer) ? [oidc.allowInsecureRequests] : [];
    p = oidc.discovery(
      issuer,
      c.clientId,
      undefined,
      c.clientSecret ? oidc.ClientSecretBasic(c.clientSecret) : oidc.None(),
      { execute },
    );
    p.catch(() => configs.delete(ctx));
    configs.set(ctx, p);
  }
  return p;
}

export const redirectUri = (ctx: AppContext) =>
  `${ctx.config.baseUrl.replace(/\/$/, '')}/api/auth/oidc/callback`;

/** Whether this installation signs in through 一网通办 (the web shows the button only then). */
export const oidcConfigured = (ctx: AppContext) => !!ctx.config.oidc;

/**
 * The page a browser gets from /api/auth/oidc/start or /callback when 一网通办 is not set up here: a
 * person followed a link, so they read a sentence in Chinese and English, not a problem+json body.
 */
export function oidcNotConfiguredPage(): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    // the code, for programs and tests that read the page: the same as the problem+json code
    '<meta name="transferone-error" content="oidc_not_configured">',
    '<title>一网通办登录未开通 · Sign-in through 一网通办 is not set up</title></head>',
    '<body>',
    '<main>',
    '<h1>本系统未开通“一网通办”登录</h1>',
    '<p>本系统尚未配置“一网通办”统一身份认证，暂不能通过“一网通办”登录。请使用单位管理员为您开设的账号和密码登录；如需开通，请联系系统管理员。</p>',
    '<p><a href="/login">返回账号登录</a> · <a href="/">返回首页</a></p>',
    '<hr>',
    '<h2 lang="en">Sign-in through 一网通办 is not set up on this installation</h2>',
    '<p lang="en">This installation has no 一网通办 (Yiwangtongban) identity provider configured. Sign in with the account and password your organisation’s admin opened for you; to have 一网通办 sign-in set up, ask the system administrator.</p>',
    '<p lang="en"><a href="/login">Back to sign-in</a> · <a href="/">Home</a></p>',
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

function answerNotConfigured(reply: FastifyReply) {
  return reply.status(501).type('text/html; charset=utf-8').send(oidcNotConfiguredPage());
}

export async function startOidc(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  if (!oidcConfigured(ctx)) return answerNotConfigured(reply);
  const cfg = await oidcConfiguration(ctx).catch((e) => {
    if (e instanceof DomainError) throw e;
    req.log.error({ err: e }, 'OIDC discovery failed');
    throw new DomainError('oidc_failed');
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const tx = { v: verifier, s: state, n: nonce, exp: ctx.now().getTime() + STATE_TTL_MS };
  reply.setCookie(
    STATE_COOKIE,
    sign(await identityKey(ctx), Buffer.from(JSON.stringify(tx)).toString('base64url')),
    {
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieSecure(ctx, req),
      path: STATE_PATH,
      maxAge: STATE_TTL_MS / 1000,
    },
  );
  const url = oidc.buildAuthorizationUrl(cfg, {
    redirect_uri: redirectUri(ctx),
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return reply.redirect(url.href, 302);
}

async function readTx(ctx: AppContext, raw: string | undefined) {
  if (!raw) return null;
  const payload = unsign(await identityKey(ctx), raw);
  if (!payload) return null;
  try {
    const tx = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      v: string;
      s: string;
      n: string;
      exp: number;
    };
    return tx.exp > ctx.now().getTime() ? tx : null;
  } catch {
    return null;
  }
}

export async function oidcCallback(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  if (!oidcConfigured(ctx)) return answerNotConfigured(reply);
  const caller = anonCallerOf(ctx, req);
  const cfg = await oidcConfiguration(ctx);
  reply.clearCookie(STATE_COOKIE, { path: STATE_PATH });
  const failed = async (
    reason: string,
    redirectCode = 'oidc_failed',
    detail: Record<string, unknown> = {},
  ) => {
    await auditEvent(ctx.db, {
      actor: { id: null, ip: caller.ip },
      action: 'auth.oidc.login',
      result: 'failed',
      detail: { reason, ...detail },
    });
    return reply.redirect(`/login?error=${redirectCode}`, 302);
  };
  const tx = await readTx(ctx, req.cookies?.[STATE_COOKIE]);
  if (!tx) return failed('missing_or_expired_state');
  let claims: Record<string, unknown> | undefined;
  try {
    const current = new URL(req.url, ctx.config.baseUrl);
    const tokens = await oidc.authorizationCodeGrant(cfg, current, {
      pkceCodeVerifier: tx.v,
      expectedState: tx.s,
      expectedNonce: tx.n,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    // Scoped claims (email …) usually come from the userinfo endpoint, not the ID token.
    const info = idToken ? await oidc.fetchUserInfo(cfg, tokens.access_token, idToken.sub) : undefined;
    claims = idToken ? { ...info, ...idToken } : undefined;
  } catch (e) {
    req.log.warn({ err: e }, 'OIDC code exchange failed');
    return failed('code_exchange', 'oidc_failed', {
      error: e instanceof Error ? e.message.slice(0, 200) : 'error',
    });
  }
  if (!claims) return failed('no_id_token');
  const sub = String(claims.sub);
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  const emailVerified = claims.email_verified === true;
  const now = ctx.now();

  const found = await findOidcUser(ctx.db, sub, emailVerified ? email : undefined);
  if (!found.user) return failed(found.reason, 'oidc_no_account', { sub });
  const user = found.user;
  if (user.status !== 'active' || isLocked(user, now))
    return failed('account_unavailable', 'oidc_failed', { sub });

  const session = await ctx.db.transaction().execute(async (trx) => {
    const actor = { id: user.id, orgId: user.org_id, label: user.name, ip: caller.ip };
    if (found.linkedBy === 'email') {
      await linkYwtbSubject(trx, user.id, sub, now);
      await appendAudit(trx, {
        actor,
        action: 'auth.oidc.link',
        objectType: 'user',
        objectId: user.id,
        detail: { sub, by: 'verified_email' },
      });
    }
    const s = await startSession(trx, now, user, caller, 'oidc');
    await limitConcurrentSessions(trx, ctx.config, user, caller, s.idHash);
    await appendAudit(trx, {
      actor,
      action: 'auth.oidc.login',
      objectType: 'user',
      objectId: user.id,
      detail: { sub, linkedBy: found.linkedBy, mfa: s.mfa },
    });
    return s;
  });
  setSessionCookie(ctx, req, reply, session.token);
  return reply.redirect('/', 302);
}
