import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { purgeExpiredSessions } from './session.service.js';
import {
  createUser,
  FACTORY_PASSWORD,
  loginAs,
  nextTotpCode,
  sessionCookie,
} from '../../testing/factories.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());
beforeEach(() => env.setNow(null));

const post = (url: string, payload?: unknown, cookie?: string) =>
  env.app.inject({ method: 'POST', url, payload: payload as any, headers: cookie ? { cookie } : {} });
const get = (url: string, cookie?: string) =>
  env.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const audits = (action: string, objectId?: string) => {
  let q = env.platform.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId) q = q.where('object_id', '=', objectId);
  return q.orderBy('seq').execute();
};

describe('password sign-in', () => {
  it('signs in, sets an httpOnly SameSite=Lax cookie, answers /me and audits', async () => {
    const { user } = await createUser(env, { roles: ['projectLead'], phone: '13812345678' });
    const res = await post('/api/auth/login', {
      username: user.username.toUpperCase(),
      password: FACTORY_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^sid=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // plain http under cookieSecure 'auto'
    const body = res.json();
    expect(body.mfa).toBe('none');
    expect(body.me).toMatchObject({
      id: user.id,
      roles: ['projectLead'],
      mfaRequired: false,
      mfaVerified: true,
    });
    expect(body.me.phone).toBe('138****5678');
    expect(body.me.permissions).toEqual(expect.any(Array));
    const me = await get('/api/auth/me', sessionCookie(res));
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe(user.username);
    const rows = await audits('auth.login', user.id);
    expect(rows.at(-1)!.result).toBe('ok');
    // only the hash of the cookie is stored
    const sid = sessionCookie(res).slice(4);
    const s = await env.platform.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(s).toHaveLength(1);
    expect(s[0].id_hash).not.toBe(sid);
    expect(s[0].id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers the same generic error for a wrong password and an unknown user', async () => {
    const { user } = await createUser(env, { roles: ['projectLead'] });
    const a = await post('/api/auth/login', { username: user.username, password: 'wrong-password-1' });
    const b = await post('/api/auth/login', { username: 'nobody_here', password: 'wrong-password-1' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe('invalid_credentials');
    expect(a.json().message).toBe(b.json().message);
    expect(a.json().messageEn).toBe(b.json().messageEn);
    expect(a.headers['content-type']).toMatch(/problem\+json/);
    const failed = await audits('auth.login', user.id);
    expect(failed.at(-1)).toMatchObject({ result: 'failed' });
    expect((failed.at(-1)!.detail as any).reason).toBe('wrong_password');
  });

  it('locks the account after 5 failures for 15 minutes, audits the lock, then lets the right password in', async () => {
    const { user } = await createUser(env, { roles: ['projectLead'] });
    const t0 = new Date('2030-01-01T02:00:00Z');
    env.setNow(t0);
    for (let i = 0; i < 5; i++) {
      expect(
        (await post('/api/auth/login', { username: user.username, password: `bad-${i}-password` }))
          .statusCode,
      ).toBe(401);
    }
    expect(await audits('auth.login.locked', user.id)).toHaveLength(1);
    const locked = await post('/api/auth/login', { username: user.username, password: FACTORY_PASSWORD });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('invalid_credentials'); // does not reveal the lock
    env.setNow(new Date(t0.getTime() + 14 * 60_000));
    expect(
      (await post('/api/auth/login', { username: user.username, password: FACTORY_PASSWORD })).statusCode,
    ).toBe(401);
    env.setNow(new Date(t0.getTime() + 15 * 60_000 + 1000));
    expect(
      (await post('/api/auth/login', { username: user.username, password: FACTORY_PASSWORD })).statusCode,
    ).toBe(200);
    const reasons = (await audits('auth.login', user.id)).map((r) => (r.detail as any).reason ?? r.result);
    expect(reasons).toEqual([...Array(5).fill('wrong_password'), 'locked', 'locked', 'ok']);
  });

  it('never ends a live session when somebody else fails to sign in to the account', async () => {
    const { user } = await createUser(env, { roles: ['projectLead'] });
    const cookie = await loginAs(env, user.username);
    for (let i = 0; i < 5; i++) {
      await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.7',
        payload: { username: user.username, password: `attacker-${i}-guess` },
      });
    }
    expect(await audits('auth.login.locked', user.id)).toHaveLength(1);
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
  });

  it('refuses a disabled user with the generic error', async () => {
    const { user } = await createUser(env, { roles: ['projectLead'], status: 'disabled' });
    const res = await post('/api/auth/login', { username: user.username, password: FACTORY_PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
    expect((await audits('auth.login', user.id)).map((r) => (r.detail as any).reason)).toEqual(['disabled']);
  });

  it('throttles an IP address after many failures, whatever the account', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < 30; i++) {
      const r = await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { username: `ghost${i}`, password: 'whatever-1' },
      });
      expect(r.statusCode).toBe(401);
    }
    const { user } = await createUser(env, { roles: ['projectLead'] });
    const r = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { username: user.username, password: FACTORY_PASSWORD },
    });
    expect(r.statusCode).toBe(429);
    expect(r.json().code).toBe('too_many_attempts');
    // ASVS: the refusal says when to come back, in whole seconds within the 15-minute window
    const retry = Number(r.headers['retry-after']);
    expect(Number.isInteger(retry)).toBe(true);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(await audits('auth.login.throttled')).toHaveLength(1);
    // another address is not affected
    expect(
      (await post('/api/auth/login', { username: user.username, password: FACTORY_PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('validates the body and names the fields', async () => {
    const res = await post('/api/auth/login', { username: '' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: any) => e.field)
        .sort(),
    ).toEqual(['password', 'username']);
  });
});

describe('sessions', () => {
  it('expires after the idle timeout and audits it', async () => {
    const made = await createUser(env, { roles: ['projectLead'] });
    const t0 = new Date('2030-05-01T01:00:00Z');
    env.setNow(t0);
    const cookie = await loginAs(env, made);
    env.setNow(new Date(t0.getTime() + 20 * 60_000));
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200); // touches last_seen
    env.setNow(new Date(t0.getTime() + 45 * 60_000));
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200); // 25 min idle: still fine
    env.setNow(new Date(t0.getTime() + 45 * 60_000 + env.config.sessionIdleMs + 1000));
    const res = await get('/api/auth/me', cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
    expect((await audits('auth.session.expired', made.user.id)).map((r) => (r.detail as any).reason)).toEqual(
      ['idle'],
    );
    expect((await get('/api/auth/me', cookie)).json().code).toBe('unauthenticated');
  });

  it('expires after the absolute timeout even when in use', async () => {
    const made = await createUser(env, { roles: ['projectLead'] });
    const t0 = new Date('2030-05-02T01:00:00Z');
    env.setNow(t0);
    const cookie = await loginAs(env, made);
    let t = t0.getTime();
    while (t + 20 * 60_000 < t0.getTime() + env.config.sessionAbsoluteMs) {
      t += 20 * 60_000;
      env.setNow(new Date(t));
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
    }
    env.setNow(new Date(t0.getTime() + env.config.sessionAbsoluteMs + 1000));
    expect((await get('/api/auth/me', cookie)).json().code).toBe('session_expired');
    expect((await audits('auth.session.expired', made.user.id)).map((r) => (r.detail as any).reason)).toEqual(
      ['absolute'],
    );
  });

  it('the hourly purge deletes idle and too-old sessions, keeps live ones, and audits the count', async () => {
    const t0 = new Date('2030-05-03T01:00:00Z');
    env.setNow(t0);
    const idle = await loginAs(env, await createUser(env, { roles: ['projectLead'] }));
    const busy = await createUser(env, { roles: ['projectLead'] });
    const busyCookie = await loginAs(env, busy);
    env.setNow(new Date(t0.getTime() + env.config.sessionIdleMs - 60_000));
    expect((await get('/api/auth/me', busyCookie)).statusCode).toBe(200); // touches last_seen
    env.setNow(new Date(t0.getTime() + env.config.sessionIdleMs + 1000));
    const ctx = env.platform.ctx;
    const count = () => ctx.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n'));
    const before = Number((await count().executeTakeFirstOrThrow()).n);
    expect(await purgeExpiredSessions(ctx)).toBeGreaterThanOrEqual(1);
    expect(Number((await count().executeTakeFirstOrThrow()).n)).toBeLessThan(before);
    expect((await get('/api/auth/me', idle)).json().code).toBe('unauthenticated'); // row gone
    expect((await get('/api/auth/me', busyCookie)).statusCode).toBe(200);
    const [row] = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.sessions.purged')
      .orderBy('seq', 'desc')
      .execute();
    expect((row.detail as { count: number }).count).toBeGreaterThanOrEqual(1);
    expect(await purgeExpiredSessions(ctx)).toBe(0);
  });

  it('logs out: 204, the cookie no longer works, audited', async () => {
    const made = await createUser(env, { roles: ['projectLead'] });
    const cookie = await loginAs(env, made);
    const res = await post('/api/auth/logout', undefined, cookie);
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/sid=;/);
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    expect(await audits('auth.logout', made.user.id)).toHaveLength(1);
  });

  it('a stale cookie does not stop a new sign-in', async () => {
    const made = await createUser(env, { roles: ['projectLead'] });
    const t0 = new Date('2030-05-03T01:00:00Z');
    env.setNow(t0);
    const cookie = await loginAs(env, made);
    env.setNow(new Date(t0.getTime() + env.config.sessionAbsoluteMs + 1000));
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie },
      payload: { username: made.user.username, password: made.password },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('re-authentication and password change', () => {
  it('needs a recent re-authentication, checks the policy and the current password, ends other sessions', async () => {
    const made = await createUser(env, { roles: ['projectLead'] });
    const t0 = new Date('2030-06-01T01:00:00Z');
    env.setNow(t0);
    const cookie = await loginAs(env, made);
    const other = await loginAs(env, made);
    env.setNow(new Date(t0.getTime() + env.config.reauthMs + 60_000));
    const body = { currentPassword: made.password, newPassword: 'New-password-2030' };
    const stale = await post('/api/auth/password', body, cookie);
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('reauth_required');
    expect((await post('/api/auth/reauth', { password: 'wrong-one-1' }, cookie)).json().code).toBe(
      'invalid_credentials',
    );
    expect((await post('/api/auth/reauth', { password: made.password }, cookie)).statusCode).toBe(204);

    const weak = await post(
      '/api/auth/password',
      { currentPassword: 'not-it-123', newPassword: 'short' },
      cookie,
    );
    expect(weak.statusCode).toBe(400);
    const fields = weak.json().errors;
    expect(fields.map((f: any) => `${f.field}:${f.code}`)).toEqual([
      'currentPassword:wrong_password',
      'newPassword:password_too_short',
      'newPassword:password_too_simple',
    ]);
    expect(fields[1].message).toBe('密码至少10位');
    expect(fields[1].messageEn).toBe('The password needs at least 10 characters');

    expect((await post('/api/auth/password', body, cookie)).statusCode).toBe(204);
    expect((await get('/api/auth/me', other)).statusCode).toBe(401);
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
    const login = await post('/api/auth/login', { username: made.user.username, password: body.newPassword });
    expect(login.statusCode).toBe(200);
    const rows = await audits('auth.password.change', made.user.id);
    expect(rows.map((r) => r.result)).toEqual(['failed', 'ok']);
    expect(JSON.stringify(rows)).not.toContain('New-password-2030');
    expect((await audits('auth.reauth', made.user.id)).map((r) => r.result)).toEqual(['failed', 'ok']);
  });

  it('re-authenticates with a TOTP code', async () => {
    const made = await createUser(env, { roles: ['expert'] });
    const cookie = await loginAs(env, made);
    const t = new Date(env.platform.ctx.now().getTime() + 10 * 60_000);
    env.setNow(t);
    const code = await nextTotpCode(env, made.user.id, made.totpSecret);
    expect((await post('/api/auth/reauth', { code }, cookie)).statusCode).toBe(204);
    expect((await post('/api/auth/reauth', { code }, cookie)).json().code).toBe('mfa_invalid');
  });
});
