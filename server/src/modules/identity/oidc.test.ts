import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, sessionCookie } from '../../testing/factories.js';

/**
 * 一网通办 stand-in: a real oidc-provider on a random port. Its login and consent interactions are
 * answered programmatically for `accountId` (the person "typing" into the provider's page).
 */
let env: TestEnv;
let server: http.Server;
let issuer: string;
let accountId = '';
const accounts: Record<string, { email?: string; email_verified?: boolean; name?: string }> = {
  'ywtb-0001': { email: 'linked.by.mail@example.cn', email_verified: true, name: '陈一' },
  'ywtb-0002': { email: 'unverified@example.cn', email_verified: false },
  'ywtb-0003': { email: 'nobody@example.cn', email_verified: true },
  'ywtb-0004': { email: 'staff.oidc@example.cn', email_verified: true },
};

beforeAll(async () => {
  server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'transferone',
        client_secret: 'test-client-secret-0123456789',
        redirect_uris: ['http://localhost:3000/api/auth/oidc/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, ...accounts[id] }),
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    cookies: { keys: ['oidc-test-cookie-key'] },
  });
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      const d = details.prompt.details;
      if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
      if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    } catch (e) {
      res.statusCode = 500;
      res.end(String(e));
    }
  });
  env = await createTestEnv({
    oidc: { issuer, clientId: 'transferone', clientSecret: 'test-client-secret-0123456789' },
  });
});
afterAll(async () => {
  await env?.close();
  await new Promise((r) => server?.close(r));
});

/** Follows the provider's redirects with a cookie jar until it sends the browser back to us. */
async function throughProvider(authUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authUrl;
  for (let i = 0; i < 15; i++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const eq = kv.indexOf('=');
      jar.set(kv.slice(0, eq), kv.slice(eq + 1));
    }
    const loc = res.headers.get('location');
    if (!loc) throw new Error(`provider stopped at ${url}: ${res.status} ${await res.text()}`);
    const next = new URL(loc, url).href;
    if (next.startsWith('http://localhost:3000/')) return next;
    url = next;
  }
  throw new Error('too many redirects');
}

async function signInAs(sub: string) {
  accountId = sub;
  const start = await env.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
  expect(start.statusCode).toBe(302);
  const loc = new URL(String(start.headers.location));
  expect(loc.origin).toBe(issuer);
  expect(loc.searchParams.get('code_challenge_method')).toBe('S256');
  expect(loc.searchParams.get('state')).toBeTruthy();
  expect(loc.searchParams.get('nonce')).toBeTruthy();
  const txCookie = String(start.headers['set-cookie']).split(';')[0];
  expect(String(start.headers['set-cookie'])).toMatch(/HttpOnly/);
  const back = new URL(await throughProvider(loc.href));
  return env.app.inject({ method: 'GET', url: back.pathname + back.search, headers: { cookie: txCookie } });
}

describe('一网通办 (OIDC) sign-in against a local oidc-provider', () => {
  it('says it is configured (the web shows the button)', async () => {
    const status = await env.app.inject({ method: 'GET', url: '/api/auth/oidc/status' });
    expect(status.json()).toEqual({ configured: true });
  });

  it('links an account by verified e-mail, then by subject, and signs in', async () => {
    const made = await createUser(env, { roles: ['projectLead'], email: 'Linked.By.Mail@example.cn' });
    const res = await signInAs('ywtb-0001');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const me = await env.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: sessionCookie(res) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: made.user.id, mfaVerified: true });
    const u = await env.platform.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', made.user.id)
      .executeTakeFirstOrThrow();
    expect(u.ywtb_subject).toBe('ywtb-0001');

    // change the e-mail: the subject still finds the account
    await env.platform.ctx.db
      .updateTable('users')
      .set({ email: 'changed@example.cn' })
      .where('id', '=', made.user.id)
      .execute();
    const again = await signInAs('ywtb-0001');
    expect(again.headers.location).toBe('/');
    const rows = await env.platform.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', made.user.id)
      .where('action', 'like', 'auth.oidc.%')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => `${r.action}:${(r.detail as any).linkedBy ?? (r.detail as any).by}`)).toEqual([
      'auth.oidc.link:verified_email',
      'auth.oidc.login:email',
      'auth.oidc.login:subject',
    ]);
  });

  it('does not link by an unverified e-mail, nor create accounts', async () => {
    await createUser(env, { roles: ['projectLead'], email: 'unverified@example.cn' });
    const r1 = await signInAs('ywtb-0002');
    expect(r1.statusCode).toBe(302);
    expect(r1.headers.location).toBe('/login?error=oidc_no_account');
    expect(r1.headers['set-cookie'] ?? '').not.toMatch(/sid=[^;]/);
    const r2 = await signInAs('ywtb-0003');
    expect(r2.headers.location).toBe('/login?error=oidc_no_account');
    const fails = await env.platform.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.oidc.login')
      .where('result', '=', 'failed')
      .execute();
    expect(fails.map((f) => (f.detail as any).reason).sort()).toEqual([
      'no_account_for_email',
      'no_linked_account',
    ]);
  });

  it('a staff role still needs TOTP after an OIDC sign-in', async () => {
    await createUser(env, { roles: ['commissionStaff'], email: 'staff.oidc@example.cn' });
    const res = await signInAs('ywtb-0004');
    expect(res.headers.location).toBe('/');
    const cookie = sessionCookie(res);
    const me = (await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(me.mfaVerified).toBe(false);
    const orgs = await env.app.inject({ method: 'GET', url: '/api/orgs', headers: { cookie } });
    expect(orgs.statusCode).toBe(401);
    expect(orgs.json().code).toBe('mfa_required');
  });

  it('refuses a callback without the signed state cookie', async () => {
    accountId = 'ywtb-0001';
    const start = await env.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const back = new URL(await throughProvider(String(start.headers.location)));
    const res = await env.app.inject({ method: 'GET', url: back.pathname + back.search });
    expect(res.headers.location).toBe('/login?error=oidc_failed');
    const forged = await env.app.inject({
      method: 'GET',
      url: back.pathname + back.search,
      headers: { cookie: 'oidc_tx=eyJ2IjoieCJ9.forged' },
    });
    expect(forged.headers.location).toBe('/login?error=oidc_failed');
  });
});

describe('OIDC not configured', () => {
  it('the status says so, and start and callback answer a zh/en HTML page, not JSON', async () => {
    const plain = await createTestEnv();
    try {
      const status = await plain.app.inject({ method: 'GET', url: '/api/auth/oidc/status' });
      expect(status.statusCode).toBe(200);
      expect(status.json()).toEqual({ configured: false });
      for (const url of ['/api/auth/oidc/start', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await plain.app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(501);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toMatch(/^<!doctype html>/);
        expect(res.body).toContain('本系统未开通“一网通办”登录');
        expect(res.body).toContain('Sign-in through 一网通办 is not set up on this installation');
        expect(res.body).toContain('href="/login"');
      }
    } finally {
      await plain.close();
    }
  });
});
