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

  const loginFrom = (ip: string, username: string, password: string) =>
    env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { username, password },
    });

  it('an attacker failing 10 times from one address does not stop the owner signing in from another', async () => {
    // fails before the back-off: the fifth wrong password locked the account for everybody
    const { user } = await createUser(env, { roles: ['projectLead'] });
    const t0 = new Date('2030-01-01T02:00:00Z');
    let t = t0.getTime();
    for (let i = 0; i < 10; i++) {
      env.setNow(new Date(t));
      const r = await loginFrom('198.51.100.20', user.username, `attacker-${i}-guess`);
      expect([401, 429]).toContain(r.statusCode);
      t += 16 * 60_000; // past any pause, so each of the 10 is a real guess
    }
    expect((await audits('auth.login', user.id)).filter((r) => r.result === 'failed')).toHaveLength(10);
    const owner = await loginFrom('192.0.2.44', user.username, FACTORY_PASSWORD);
    expect(owner.statusCode).toBe(200);
    // and right after an attacker's failure, too
    env.setNow(new Date(t));
    expect((await loginFrom('198.51.100.20', user.username, 'attacker-x-guess')).statusCode).toBe(429);
    expect((await loginFrom('192.0.2.44', user.username, FACTORY_PASSWORD)).statusCode).toBe(200);
  });

  it('pauses one name from one address after 3 failures, the pause doubling to 15 minutes, each start audited', async () => {
    const { user } = await createUser(env, { roles: ['projectLead'] });
    const ip = '198.51.100.21';
    const t0 = new Date('2030-01-01T02:00:00Z');
    env.setNow(t0);
    expect((await loginFrom(ip, user.username, 'bad-1-password')).statusCode).toBe(401);
    expect((await loginFrom(ip, user.username, 'bad-2-password')).statusCode).toBe(401);
    const third = await loginFrom(ip, user.username, 'bad-3-password');
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('sign_in_paused');
    expect(third.headers['retry-after']).toBe('60');
    expect(third.json().message).toBe(
      '该账号在您当前网络地址的登录失败次数过多，登录已暂停，请于 2030年1月1日 10:01:00（北京时间）后再试',
    );
    expect(third.json().messageEn).toContain('paused until 2030-01-01 10:01:00 (Beijing time, UTC+8)');
    expect(third.json().params.pausedUntil).toBe('2030-01-01T02:01:00.000Z');
    // during the pause nothing is checked and nothing counted
    env.setNow(new Date(t0.getTime() + 30_000));
    const during = await loginFrom(ip, user.username, 'bad-x-password');
    expect(during.statusCode).toBe(429);
    expect(during.headers['retry-after']).toBe('30');
    let t = t0.getTime();
    const retries: number[] = [60];
    for (let i = 4; i <= 8; i++) {
      t += retries.at(-1)! * 1000 + 1000;
      env.setNow(new Date(t));
      const r = await loginFrom(ip, user.username, `bad-${i}-password`);
      expect(r.statusCode).toBe(429);
      retries.push(Number(r.headers['retry-after']));
    }
    expect(retries).toEqual([60, 120, 240, 480, 900, 900]);
    const starts = await audits('auth.login.backoff', user.id);
    expect(starts.map((r) => (r.detail as any).delaySeconds)).toEqual(retries);
    expect(starts.map((r) => (r.detail as any).failures)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(starts[0]).toMatchObject({ result: 'denied', ip });
  });

  it('the right password during a pause says it is paused and until when, exactly as for an unknown name', async () => {
    const { user } = await createUser(env, { roles: ['projectLead'] });
    const ip = '198.51.100.22';
    env.setNow(new Date('2030-01-02T02:00:00Z'));
    for (const name of [user.username, 'no_such_user_22']) {
      for (let i = 0; i < 3; i++) await loginFrom(ip, name, `bad-${i}-password`);
    }
    const known = await loginFrom(ip, user.username, FACTORY_PASSWORD);
    const unknown = await loginFrom(ip, 'no_such_user_22', FACTORY_PASSWORD);
    expect(known.statusCode).toBe(429);
    expect(known.json().code).toBe('sign_in_paused');
    expect(known.json().message).toContain('2030年1月2日 10:01:00（北京时间）');
    const shape = (r: typeof known) => ({
      status: r.statusCode,
      retryAfter: r.headers['retry-after'],
      type: r.headers['content-type'],
      body: { ...r.json(), instance: undefined },
    });
    expect(shape(unknown)).toEqual(shape(known));
    // both refused before any password is checked (one timing class), both audited as paused
    const paused = await env.platform.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('ip', '=', ip)
      .where('result', '=', 'denied')
      .execute();
    expect(paused.map((r) => (r.detail as any).reason)).toEqual(['paused', 'paused']);
    // the pause over, the right password gets in and clears it
    env.setNow(new Date('2030-01-02T02:01:01Z'));
    expect((await loginFrom(ip, user.username, FACTORY_PASSWORD)).statusCode).toBe(200);
  });

  it('a success clears the count', async () => {
    const { user } = await createUser(env, { roles: ['projectLead'] });
    const ip = '198.51.100.23';
    env.setNow(new Date('2030-01-03T02:00:00Z'));
    for (let i = 0; i < 2; i++)
      expect((await loginFrom(ip, user.username, `bad-${i}-pw`)).statusCode).toBe(401);
    expect((await loginFrom(ip, user.username, FACTORY_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await loginFrom(ip, user.username, `bad-${i}-pw`)).statusCode).toBe(401);
    expect((await loginFrom(ip, user.username, 'bad-9-pw')).statusCode).toBe(429);
    expect(await audits('auth.login.backoff', user.id)).toHaveLength(1);
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
    expect(await audits('auth.login.locked', user.id)).toHaveLength(0);
    expect((await audits('auth.login.backoff', user.id)).length).toBeGreaterThan(0);
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
