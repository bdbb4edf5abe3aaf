import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, FACTORY_PASSWORD, loginAs } from '../../testing/factories.js';
import { startSmtpSink, type SmtpSink } from '../../platform/mail/smtp-sink.js';
import { sha256 } from './identity.crypto.js';

/** 忘记密码 (issue 11): the request, the mailed link, the new password; on the real database. */
let env: TestEnv;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  env = await createTestEnv({ smtp: { host: '127.0.0.1', port: sink.port, secure: false } });
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

let ipSeq = 10;
const freshIp = () => `203.0.113.${ipSeq++}`;
const post = (url: string, payload: unknown, opts: { ip?: string; cookie?: string } = {}) =>
  env.app.inject({
    method: 'POST',
    url,
    payload: payload as any,
    remoteAddress: opts.ip ?? '192.0.2.1',
    headers: opts.cookie ? { cookie: opts.cookie } : {},
  });
const audits = (action: string, objectId?: string) => {
  let q = env.platform.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId) q = q.where('object_id', '=', objectId);
  return q.orderBy('seq').execute();
};
const resets = (userId: string) =>
  env.platform.ctx.db.selectFrom('password_resets').selectAll().where('user_id', '=', userId).execute();

/** Sends the outbox and returns the token of the newest reset link mailed to `to`. */
async function tokenMailedTo(to: string): Promise<string> {
  await env.platform.ctx.mail!.flush();
  const m = sink.messages.filter((x) => x.to[0] === to).at(-1);
  expect(m, `a mail to ${to}`).toBeTruthy();
  const token = /\/reset-password#token=([A-Za-z0-9_-]+)/.exec(m!.text)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

describe('password reset request', () => {
  it('answers 202 the same way for a known user (by name or e-mail) and an unknown one; mails a link', async () => {
    const made = await createUser(env, { roles: ['projectLead'], email: 'reset.a@example.cn' });
    const ip = freshIp();
    const byName = await post('/api/auth/password-reset', { account: made.user.username }, { ip });
    const byMail = await post('/api/auth/password-reset', { account: 'Reset.A@example.cn' }, { ip });
    const nobody = await post('/api/auth/password-reset', { account: 'nobody_at_all' }, { ip });
    for (const r of [byName, byMail, nobody]) {
      expect(r.statusCode).toBe(202);
      expect(r.json()).toEqual(byName.json());
      expect(r.headers['content-type']).toBe(byName.headers['content-type']);
    }
    expect(byName.json().message).toContain('30分钟内有效');
    const token = await tokenMailedTo('reset.a@example.cn');
    const m = sink.messages.filter((x) => x.to[0] === 'reset.a@example.cn').at(-1)!;
    expect(m.subject).toBe('重置密码 / Reset your password');
    expect(m.text).toContain(`${env.config.baseUrl}/reset-password#token=`);
    // stored hashed, never the token itself; 30 minutes
    const rows = await resets(made.user.id);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.token_hash)).toContain(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    for (const r of rows) {
      expect(new Date(r.expires_at).getTime() - new Date(r.created_at).getTime()).toBe(30 * 60_000);
    }
    expect((await audits('auth.password.reset.request', made.user.id)).map((r) => r.result)).toEqual([
      'ok',
      'ok',
    ]);
    const unknown = (await audits('auth.password.reset.request')).filter(
      (r) => (r.detail as any).reason === 'unknown_account',
    );
    expect(unknown.map((r) => (r.detail as any).account)).toContain('nobody_at_all');
    expect(sink.messages.some((x) => x.text.includes('nobody_at_all'))).toBe(false);
  });

  it('throttles per account name and per address with 429 + Retry-After and a time; other addresses go on', async () => {
    const made = await createUser(env, { roles: ['projectLead'], email: 'reset.t@example.cn' });
    const t0 = new Date('2030-03-01T02:00:00Z');
    env.setNow(t0);
    const a = freshIp();
    const b = freshIp();
    // per account: 3 an hour, from any addresses
    for (const ip of [a, b, a]) {
      expect(
        (await post('/api/auth/password-reset', { account: made.user.username }, { ip })).statusCode,
      ).toBe(202);
    }
    const over = await post('/api/auth/password-reset', { account: made.user.username }, { ip: freshIp() });
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe('password_reset_throttled');
    expect(over.headers['retry-after']).toBe('3600');
    expect(over.json().message).toBe('重置密码的请求过于频繁，请于 2030年3月1日 11:00:00（北京时间）后再试');
    // an unknown name is throttled alike (no hint that it does not exist)
    for (let i = 0; i < 3; i++)
      await post('/api/auth/password-reset', { account: 'ghost_t' }, { ip: freshIp() });
    const ghost = await post('/api/auth/password-reset', { account: 'ghost_t' }, { ip: freshIp() });
    expect(ghost.statusCode).toBe(429);
    expect(ghost.json().code).toBe('password_reset_throttled');
    // per address: 10 an hour, whatever the names
    const c = freshIp();
    for (let i = 0; i < 10; i++) {
      expect((await post('/api/auth/password-reset', { account: `ghost_${i}` }, { ip: c })).statusCode).toBe(
        202,
      );
    }
    expect((await post('/api/auth/password-reset', { account: 'ghost_x' }, { ip: c })).statusCode).toBe(429);
    expect(
      (await post('/api/auth/password-reset', { account: 'ghost_x' }, { ip: freshIp() })).statusCode,
    ).toBe(202);
    expect((await audits('auth.password.reset.throttled')).length).toBe(3);
    // an hour later the account may ask again
    env.setNow(new Date(t0.getTime() + 60 * 60_000 + 1000));
    expect(
      (await post('/api/auth/password-reset', { account: made.user.username }, { ip: freshIp() })).statusCode,
    ).toBe(202);
    env.setNow(null);
  });

  it('validates the body and names the field', async () => {
    const r = await post('/api/auth/password-reset', { account: '' }, { ip: freshIp() });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: any) => e.field)).toEqual(['account']);
  });
});

describe('password reset confirm', () => {
  it('sets a new password under the policy, ends every session, spends the link, audits', async () => {
    const made = await createUser(env, { roles: ['projectLead'], email: 'reset.c@example.cn' });
    const cookie = await loginAs(env, made);
    await post('/api/auth/password-reset', { account: made.user.username }, { ip: freshIp() });
    const token = await tokenMailedTo('reset.c@example.cn');

    const weak = await post('/api/auth/password-reset/confirm', { token, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors.map((e: any) => `${e.field}:${e.code}`)).toContain(
      'newPassword:password_too_short',
    );

    const ok = await post('/api/auth/password-reset/confirm', { token, newPassword: 'Brand-new-pass-2030' });
    expect(ok.statusCode).toBe(204);
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
    const old = await post('/api/auth/login', { username: made.user.username, password: FACTORY_PASSWORD });
    expect(old.statusCode).toBe(401);
    const fresh = await post('/api/auth/login', {
      username: made.user.username,
      password: 'Brand-new-pass-2030',
    });
    expect(fresh.statusCode).toBe(200);

    const again = await post('/api/auth/password-reset/confirm', { token, newPassword: 'Another-pass-2031' });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('reset_link_used');
    expect(again.json().message).toContain('只能使用一次');
    expect(again.json().messageEn).toContain('already been used');
    const rows = await audits('auth.password.reset', made.user.id);
    expect(rows.map((r) => [r.result, (r.detail as any).reason ?? null])).toEqual([
      ['ok', null],
      ['failed', 'reset_link_used'],
    ]);
    expect(JSON.stringify(rows)).not.toContain('Brand-new-pass-2030');
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('an expired link is refused with its own message; an unknown token too', async () => {
    const made = await createUser(env, { roles: ['projectLead'], email: 'reset.e@example.cn' });
    const t0 = new Date('2030-04-01T02:00:00Z');
    env.setNow(t0);
    await post('/api/auth/password-reset', { account: made.user.username }, { ip: freshIp() });
    const token = await tokenMailedTo('reset.e@example.cn');
    env.setNow(new Date(t0.getTime() + 30 * 60_000 + 1000));
    const late = await post('/api/auth/password-reset/confirm', {
      token,
      newPassword: 'Brand-new-pass-2030',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('reset_link_expired');
    expect(late.json().message).toBe('重置密码链接已过期（有效期30分钟），请重新申请');
    expect(late.json().messageEn).toContain('expired');
    const bogus = await post('/api/auth/password-reset/confirm', {
      token: 'not-a-real-token',
      newPassword: 'Brand-new-pass-2030',
    });
    expect(bogus.json().code).toBe('reset_link_invalid');
    // the old password still works: nothing changed
    expect(
      (await post('/api/auth/login', { username: made.user.username, password: FACTORY_PASSWORD }))
        .statusCode,
    ).toBe(200);
    env.setNow(null);
  });

  it('a reset ends the sign-in pause for the account', async () => {
    const made = await createUser(env, { roles: ['projectLead'], email: 'reset.p@example.cn' });
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      await post('/api/auth/login', { username: made.user.username, password: `bad-${i}-pw` }, { ip });
    }
    expect(
      (await post('/api/auth/login', { username: made.user.username, password: FACTORY_PASSWORD }, { ip }))
        .statusCode,
    ).toBe(429);
    await post('/api/auth/password-reset', { account: made.user.username }, { ip });
    const token = await tokenMailedTo('reset.p@example.cn');
    expect(
      (await post('/api/auth/password-reset/confirm', { token, newPassword: 'Brand-new-pass-2030' }, { ip }))
        .statusCode,
    ).toBe(204);
    expect(
      (
        await post(
          '/api/auth/login',
          { username: made.user.username, password: 'Brand-new-pass-2030' },
          { ip },
        )
      ).statusCode,
    ).toBe(200);
  });
});

/**
 * Under the MLPS level-3 profile a reset is a password change like any other (review finding): the
 * staff rules (12 characters, 3 of 4 classes) and the history (none of the last 5) apply, and the
 * replaced password joins the history.
 */
describe('password reset under SECURITY_PROFILE=mlps3', () => {
  let mlps: TestEnv;
  beforeAll(async () => {
    mlps = await createTestEnv({
      securityProfile: 'mlps3',
      smtp: { host: '127.0.0.1', port: sink.port, secure: false },
    });
  }, 120_000);
  afterAll(async () => {
    await mlps?.close();
  });
  const send = (url: string, payload: unknown) =>
    mlps.app.inject({ method: 'POST', url, payload: payload as any, remoteAddress: freshIp() });
  async function mailedToken(to: string): Promise<string> {
    await mlps.platform.ctx.mail!.flush();
    const m = sink.messages.filter((x) => x.to[0] === to).at(-1);
    const token = /\/reset-password#token=([A-Za-z0-9_-]+)/.exec(m?.text ?? '')?.[1];
    expect(token, `a reset link mailed to ${to}`).toBeTruthy();
    return token!;
  }
  const codes = (res: { json(): any }) => (res.json().errors ?? []).map((e: any) => e.code) as string[];

  it('refuses a weak or recently used staff password, then takes a good one into the history', async () => {
    const made = await createUser(mlps, { roles: ['finance'], email: 'reset.mlps@example.cn' });
    await send('/api/auth/password-reset', { account: made.user.username });
    const token = await mailedToken('reset.mlps@example.cn');

    const simple = await send('/api/auth/password-reset/confirm', { token, newPassword: 'abcdefghij12' });
    expect(simple.statusCode).toBe(400);
    expect(codes(simple)).toEqual(['password_too_simple']);

    const same = await send('/api/auth/password-reset/confirm', { token, newPassword: FACTORY_PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(codes(same)).toContain('password_reused');

    const ok = await send('/api/auth/password-reset/confirm', { token, newPassword: 'Reset-Lake-2032!' });
    expect(ok.statusCode).toBe(204);
    const history = await mlps.platform.ctx.db
      .selectFrom('user_password_history')
      .select('user_id')
      .where('user_id', '=', made.user.id)
      .execute();
    expect(history).toHaveLength(1);
  });
});
