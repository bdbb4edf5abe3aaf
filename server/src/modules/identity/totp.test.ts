import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, loginAs, nextTotpCode, sessionCookie } from '../../testing/factories.js';
import { totpCode } from './totp.rules.js';

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

describe('TOTP', () => {
  it('staff must enrol before any staff route; enrol → activate → verify; codes are not reused', async () => {
    const t = new Date('2030-03-01T08:00:10Z');
    env.setNow(t);
    const made = await createUser(env, { roles: ['commissionStaff'], totp: false });
    const res = await post('/api/auth/login', { username: made.user.username, password: made.password });
    expect(res.json().mfa).toBe('enrol');
    expect(res.json().me.mfaVerified).toBe(false);
    const cookie = sessionCookie(res);
    const blocked = await get('/api/orgs', cookie);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('mfa_enrolment_required');
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);

    const enrol = await post('/api/auth/totp/enrol', undefined, cookie);
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = enrol.json();
    expect(otpauthUrl).toContain('otpauth://totp/');
    expect(decodeURIComponent(otpauthUrl)).toContain('TransferOne 科转通');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const stored = await env.platform.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', made.user.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret_enc).not.toContain(secret);

    expect((await post('/api/auth/totp/activate', { code: '000000' }, cookie)).json().code).toBe(
      'mfa_invalid',
    );
    const code = totpCode(secret, t);
    const act = await post('/api/auth/totp/activate', { code }, cookie);
    expect(act.statusCode).toBe(200);
    expect(act.json().me).toMatchObject({ mfaEnabled: true, mfaVerified: true });
    expect((await get('/api/orgs', cookie)).statusCode).toBe(200);
    // the secret is never handed out again
    expect((await post('/api/auth/totp/enrol', undefined, cookie)).json().code).toBe('mfa_already_enabled');

    // a new sign-in needs the code; the code just used is refused (replay)
    const second = await post('/api/auth/login', { username: made.user.username, password: made.password });
    expect(second.json().mfa).toBe('required');
    const c2 = sessionCookie(second);
    const denied = await get('/api/orgs', c2);
    expect(denied.statusCode).toBe(401);
    expect(denied.json().code).toBe('mfa_required');
    const replay = await post('/api/auth/totp/verify', { code }, c2);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('mfa_invalid');
    env.setNow(new Date(t.getTime() + 30_000));
    const ok = await post(
      '/api/auth/totp/verify',
      { code: totpCode(secret, new Date(t.getTime() + 30_000)) },
      c2,
    );
    expect(ok.statusCode).toBe(200);
    expect((await get('/api/orgs', c2)).statusCode).toBe(200);
    const actions = (
      await env.platform.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'result'])
        .where('object_id', '=', made.user.id)
        .orderBy('seq')
        .execute()
    ).map((r) => `${r.action}:${r.result}`);
    expect(actions).toEqual([
      'auth.login:ok',
      'auth.totp.enrol:ok',
      'auth.totp.activate:failed',
      'auth.totp.activate:ok',
      'auth.login:ok',
      'auth.totp.verify:failed',
      'auth.totp.verify:ok',
    ]);
    const all = JSON.stringify(await env.platform.ctx.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain(secret);
  });

  it('loginAs completes the TOTP step for every MFA role', async () => {
    for (const role of ['finance', 'districtOfficer', 'expert', 'auditor', 'systemAdmin'] as const) {
      const cookie = await loginAs(env, [role]);
      const me = (await get('/api/auth/me', cookie)).json();
      expect(me).toMatchObject({ roles: [role], mfaRequired: true, mfaVerified: true });
    }
  });
});

describe('profile and optional TOTP', () => {
  it('PATCH /auth/me changes locale, name and e-mail, audited', async () => {
    const made = await createUser(env, { roles: ['enterpriseUser'] });
    const cookie = await loginAs(env, made);
    const res = await env.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie },
      payload: { locale: 'en', name: '新名字' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locale: 'en', name: '新名字' });
    const bad = await env.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie },
      payload: { locale: 'fr' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('locale');
    const [row] = await audits('user.update', made.user.id);
    expect(row.after).toEqual({ locale: 'en', name: '新名字' });
  });

  it('a user who turned TOTP on without their role needing it must still pass it', async () => {
    const made = await createUser(env, { roles: ['projectLead'], totp: true });
    const res = await post('/api/auth/login', { username: made.user.username, password: made.password });
    expect(res.json().mfa).toBe('required');
    const cookie = sessionCookie(res);
    const blocked = await env.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie },
      payload: { locale: 'en' },
    });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().code).toBe('mfa_required');
    const code = await nextTotpCode(env, made.user.id, made.totpSecret);
    expect((await post('/api/auth/totp/verify', { code }, cookie)).statusCode).toBe(200);
    expect(
      (
        await env.app.inject({
          method: 'PATCH',
          url: '/api/auth/me',
          headers: { cookie },
          payload: { locale: 'en' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('five wrong TOTP codes lock the account and end the session', async () => {
    const made = await createUser(env, { roles: ['finance'] });
    const res = await post('/api/auth/login', { username: made.user.username, password: made.password });
    const cookie = sessionCookie(res);
    for (let i = 0; i < 5; i++) {
      const r = await post('/api/auth/totp/verify', { code: String(100000 + i) }, cookie);
      expect(r.statusCode).toBe(401);
    }
    expect(await audits('auth.login.locked', made.user.id)).toHaveLength(1);
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    // told only to whoever knows the password; a wrong one still gets the generic answer
    const locked = await post('/api/auth/login', { username: made.user.username, password: made.password });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('account_locked');
    expect(locked.json().message).toMatch(/请于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d:\d\d（北京时间）后再试/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      (await post('/api/auth/login', { username: made.user.username, password: 'wrong-password-1' })).json()
        .code,
    ).toBe('invalid_credentials');
  });

  it('signing in again with the right password does not reset the count of wrong TOTP codes', async () => {
    const made = await createUser(env, { roles: ['finance'] });
    const login = async () =>
      sessionCookie(await post('/api/auth/login', { username: made.user.username, password: made.password }));
    let cookie = await login();
    for (let i = 0; i < 4; i++) await post('/api/auth/totp/verify', { code: String(200000 + i) }, cookie);
    cookie = await login(); // a correct password, TOTP still open
    const fifth = await post('/api/auth/totp/verify', { code: '299999' }, cookie);
    expect(fifth.statusCode).toBe(401);
    expect(await audits('auth.login.locked', made.user.id)).toHaveLength(1);
    expect(
      (await post('/api/auth/login', { username: made.user.username, password: made.password })).json().code,
    ).toBe('account_locked');
  });
});

describe('lost authenticator', () => {
  it('an administrator resets a user’s TOTP: sessions end, the next sign-in enrols again, audited', async () => {
    const staff = await createUser(env, { roles: ['commissionStaff'] });
    const staffCookie = await loginAs(env, staff);
    const admin = await createUser(env, { roles: ['systemAdmin'] });
    const adminCookie = await loginAs(env, admin);
    const lead = await loginAs(env, await createUser(env, { roles: ['projectLead'] }));

    const denied = await post(`/api/users/${staff.user.id}/reset-totp`, undefined, lead);
    expect(denied.statusCode).toBe(403);
    const res = await post(`/api/users/${staff.user.id}/reset-totp`, undefined, adminCookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: staff.user.id, mfaEnabled: false });
    expect((await get('/api/auth/me', staffCookie)).statusCode).toBe(401);

    const again = await post('/api/auth/login', { username: staff.user.username, password: staff.password });
    expect(again.json().mfa).toBe('enrol');
    const [row] = await audits('user.resetTotp', staff.user.id);
    expect(row).toMatchObject({ actor_id: admin.user.id, after: { mfaEnabled: false } });
    expect(JSON.stringify(row)).not.toContain(staff.totpSecret!);
  });
});
