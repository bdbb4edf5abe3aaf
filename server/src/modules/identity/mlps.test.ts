/**
 * The MLPS level-3 profile (SECURITY_PROFILE=mlps3, docs/SECURITY.md "MLPS level-3 profile") on
 * the real database, each rule with the profile on and off (off: the standard behaviour).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, FACTORY_PASSWORD, loginAs } from '../../testing/factories.js';
import { assertAuditAppendOnly, auditRetention } from '../../platform/audit.js';
import { securityProfileLine } from '../../cli/start.js';
import type { Role } from '../../platform/roles.js';

let on: TestEnv;
let off: TestEnv;
beforeAll(async () => {
  on = await createTestEnv({ securityProfile: 'mlps3' });
  off = await createTestEnv();
}, 120_000);
afterAll(async () => {
  await on?.close();
  await off?.close();
});

const send = (env: TestEnv, method: string, url: string, cookie?: string, payload?: unknown) =>
  env.app.inject({
    method: method as any,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as any }),
  });
const audits = (env: TestEnv, action: string, objectId?: string) => {
  let q = env.platform.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId) q = q.where('object_id', '=', objectId);
  return q.orderBy('seq').execute();
};
const login = (env: TestEnv, username: string, password = FACTORY_PASSWORD) =>
  send(env, 'POST', '/api/auth/login', undefined, { username, password });
const changePassword = (env: TestEnv, cookie: string, currentPassword: string, newPassword: string) =>
  send(env, 'POST', '/api/auth/password', cookie, { currentPassword, newPassword });
const codes = (res: { json(): any }) =>
  (res.json().errors ?? []).map((e: { code: string }) => e.code) as string[];

describe('password complexity for staff', () => {
  const weak = 'abcdefghij12'; // 12 characters, 2 classes: the standard rule accepts it

  it('on: a staff password needs 12 characters and 3 of 4 classes, and not the user name (zh + en)', async () => {
    const { user } = await createUser(on, { roles: ['finance'] });
    const cookie = await loginAs(on, user);
    const short = await changePassword(on, cookie, FACTORY_PASSWORD, 'Ab1!short');
    expect(short.statusCode).toBe(400);
    expect(codes(short)).toContain('password_too_short');
    const simple = await changePassword(on, cookie, FACTORY_PASSWORD, weak);
    expect(codes(simple)).toEqual(['password_too_simple']);
    expect(codes(short)).not.toContain('password_too_simple');
    const e = simple.json().errors[0];
    expect(e.message?.zh ?? e.zh ?? JSON.stringify(e)).toMatch(/三类/);
    expect(JSON.stringify(e)).toMatch(/3 of: upper-case letters, lower-case letters, digits, symbols/);
    const named = await changePassword(on, cookie, FACTORY_PASSWORD, `X-${user.username}-99`);
    expect(codes(named)).toContain('password_contains_username');
    expect((await changePassword(on, cookie, FACTORY_PASSWORD, 'Summer-lake-2031')).statusCode).toBe(204);
  });

  it('on: a non-staff account keeps the standard rule', async () => {
    const { user } = await createUser(on, { roles: ['projectLead'] });
    const cookie = await loginAs(on, user);
    expect((await changePassword(on, cookie, FACTORY_PASSWORD, weak)).statusCode).toBe(204);
  });

  it('off: the same staff password is accepted', async () => {
    const { user } = await createUser(off, { roles: ['finance'] });
    const cookie = await loginAs(off, user);
    expect((await changePassword(off, cookie, FACTORY_PASSWORD, weak)).statusCode).toBe(204);
  });
});

describe('password rotation (90 days) and history (last 5)', () => {
  const past = (days: number) => new Date(Date.now() - days * 86_400_000);

  it('on: a staff password older than 90 days must be changed at the next sign-in, audited', async () => {
    const { user } = await createUser(on, { roles: ['expert'], totp: false });
    await on.platform.ctx.db
      .updateTable('users')
      .set({ password_changed_at: past(91) })
      .where('id', '=', user.id)
      .execute();
    const res = await login(on, user.username);
    expect(res.statusCode).toBe(200);
    expect(res.json().me.mustChangePassword).toBe(true);
    expect(await audits(on, 'auth.password.expired', user.id)).toHaveLength(1);
  });

  it('on: 89 days is still fine; off: 400 days is fine', async () => {
    const young = await createUser(on, { roles: ['expert'], totp: false });
    const old = await createUser(off, { roles: ['expert'], totp: false });
    await on.platform.ctx.db
      .updateTable('users')
      .set({ password_changed_at: past(89) })
      .where('id', '=', young.user.id)
      .execute();
    await off.platform.ctx.db
      .updateTable('users')
      .set({ password_changed_at: past(400) })
      .where('id', '=', old.user.id)
      .execute();
    expect((await login(on, young.user.username)).json().me.mustChangePassword).toBe(false);
    expect((await login(off, old.user.username)).json().me.mustChangePassword).toBe(false);
  });

  it('on: none of the last 5 passwords may come back; the 6th may', async () => {
    const { user } = await createUser(on, { roles: ['auditor'] });
    const cookie = await loginAs(on, user);
    const pw = (i: number) => `Rotation-${i}-pass!`;
    let current = FACTORY_PASSWORD;
    for (let i = 1; i <= 5; i++) {
      expect((await changePassword(on, cookie, current, pw(i))).statusCode).toBe(204);
      current = pw(i);
    }
    // current = pw5; the last five are pw1..pw5 (FACTORY_PASSWORD is the sixth back)
    for (const old of [pw(1), pw(3), pw(4)]) {
      const res = await changePassword(on, cookie, current, old);
      expect(res.statusCode).toBe(400);
      expect(codes(res)).toEqual(['password_reused']);
      expect(JSON.stringify(res.json())).toMatch(/最近5次/);
    }
    expect((await changePassword(on, cookie, current, FACTORY_PASSWORD)).statusCode).toBe(204);
    const kept = await on.platform.ctx.db
      .selectFrom('user_password_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBe(5);
  });

  it('off: an earlier password may come back', async () => {
    const { user } = await createUser(off, { roles: ['auditor'] });
    const cookie = await loginAs(off, user);
    expect((await changePassword(off, cookie, FACTORY_PASSWORD, 'Other-pass-2031')).statusCode).toBe(204);
    expect((await changePassword(off, cookie, 'Other-pass-2031', FACTORY_PASSWORD)).statusCode).toBe(204);
  });
});

describe('three separated administrators', () => {
  async function admin(env: TestEnv, roles: Role[]) {
    const made = await createUser(env, { roles });
    return { ...made, cookie: await loginAs(env, made) };
  }

  it('on: nobody holds two of system/security/audit admin; the refusal is zh + en and audited', async () => {
    const sec = await admin(on, ['securityAdmin']);
    const { user } = await createUser(on, { roles: ['systemAdmin'] });
    const res = await send(on, 'PUT', `/api/users/${user.id}/roles`, sec.cookie, {
      roles: ['systemAdmin', 'auditAdmin'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().params.reason).toBe('admin_roles_separated');
    expect(JSON.stringify(res.json())).toMatch(/系统管理员、审计管理员/);
    expect(JSON.stringify(res.json())).toMatch(/System admin and Audit admin/);
    const denied = (await audits(on, 'permission.denied', user.id)).map((a) => a.detail as any);
    expect(denied.some((d) => d.reason === 'admin_roles_separated')).toBe(true);
    // a business role beside one admin role is fine
    const ok = await send(on, 'PUT', `/api/users/${user.id}/roles`, sec.cookie, {
      roles: ['systemAdmin', 'commissionStaff'],
    });
    expect(ok.statusCode).toBe(200);
    expect((await audits(on, 'user.roles.change', user.id)).length).toBe(1);
  });

  it('on: the system admin cannot grant roles nor read, verify or export the audit log', async () => {
    const sys = await admin(on, ['systemAdmin']);
    const { user } = await createUser(on, { roles: ['projectLead'] });
    const patch = await send(on, 'PATCH', `/api/users/${user.id}`, sys.cookie, { roles: ['expert'] });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().params.reason).toBe('grant_needs_security_admin');
    const create = await send(on, 'POST', '/api/users', sys.cookie, {
      username: `sa_${Date.now()}`,
      name: '新安全管理员',
      email: `sa_${Date.now()}@example.cn`,
      orgId: user.org_id,
      roles: ['securityAdmin'],
    });
    expect(create.statusCode).toBe(403);
    for (const [m, url] of [
      ['GET', '/api/audit'],
      ['POST', '/api/audit/verify'],
      ['GET', '/api/audit/export'],
    ] as const)
      expect((await send(on, m, url, sys.cookie)).statusCode, url).toBe(403);
    // still runs accounts: edits a name, creates a staff account
    expect((await send(on, 'PATCH', `/api/users/${user.id}`, sys.cookie, { name: '改名' })).statusCode).toBe(
      200,
    );
    const me = (await send(on, 'GET', '/api/auth/me', sys.cookie)).json();
    expect(me.permissions).not.toContain('audit.read');
    expect(me.permissions).not.toContain('user.grantRoles');
  });

  it('on: the audit admin reads, verifies and exports the log, and nothing else', async () => {
    const aud = await admin(on, ['auditAdmin']);
    expect((await send(on, 'GET', '/api/audit', aud.cookie)).statusCode).toBe(200);
    expect((await send(on, 'POST', '/api/audit/verify', aud.cookie)).json().ok).toBe(true);
    const exp = await send(on, 'GET', '/api/audit/export?action=auth.', aud.cookie);
    expect(exp.statusCode).toBe(200);
    const lines = exp.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.action.startsWith('auth.'))).toBe(true);
    expect(await audits(on, 'audit.export')).not.toHaveLength(0);
    expect((await send(on, 'GET', '/api/users', aud.cookie)).statusCode).toBe(403);
    expect((await send(on, 'GET', '/api/system/settings', aud.cookie)).statusCode).toBe(403);
  });

  it('off: a system admin may grant two admin roles and read the audit log (standard behaviour)', async () => {
    const sys = await admin(off, ['systemAdmin']);
    const { user } = await createUser(off, { roles: ['projectLead'] });
    const res = await send(off, 'PATCH', `/api/users/${user.id}`, sys.cookie, {
      roles: ['securityAdmin', 'auditAdmin'],
    });
    expect(res.statusCode).toBe(200);
    expect((await send(off, 'GET', '/api/audit', sys.cookie)).statusCode).toBe(200);
  });
});

describe('session limits', () => {
  it('on: a staff session idles out after 15 minutes, another user after the standard limit', async () => {
    const staff = await createUser(on, { roles: ['commissionStaff'] });
    const lead = await createUser(on, { roles: ['projectLead'] });
    const cs = await loginAs(on, staff);
    const cl = await loginAs(on, lead);
    on.setNow(new Date(Date.now() + 16 * 60_000));
    try {
      expect((await send(on, 'GET', '/api/auth/me', cs)).json().code).toBe('session_expired');
      expect((await send(on, 'GET', '/api/auth/me', cl)).statusCode).toBe(200);
    } finally {
      on.setNow(null);
    }
  });

  it('on: at most 3 sessions per user, the oldest ended and audited', async () => {
    const { user } = await createUser(on, { roles: ['projectLead'] });
    const cookies: string[] = [];
    for (let i = 0; i < 4; i++) cookies.push(await loginAs(on, user));
    expect((await send(on, 'GET', '/api/auth/me', cookies[0])).statusCode).toBe(401);
    for (const c of cookies.slice(1)) expect((await send(on, 'GET', '/api/auth/me', c)).statusCode).toBe(200);
    const ended = await audits(on, 'auth.session.ended', user.id);
    expect(ended).toHaveLength(1);
    expect((ended[0].detail as any).reason).toBe('concurrent_limit');
  });

  it('off: 16 idle minutes and 4 sessions are fine', async () => {
    const { user } = await createUser(off, { roles: ['projectLead'] });
    const cookies: string[] = [await loginAs(off, ['commissionStaff'])];
    for (let i = 0; i < 4; i++) cookies.push(await loginAs(off, user));
    off.setNow(new Date(Date.now() + 16 * 60_000));
    try {
      for (const c of cookies) expect((await send(off, 'GET', '/api/auth/me', c)).statusCode).toBe(200);
    } finally {
      off.setNow(null);
    }
  });

  it('shows the previous sign-in time and address in /api/auth/me', async () => {
    for (const env of [on, off]) {
      const { user } = await createUser(env, { roles: ['projectLead'] });
      const first = await login(env, user.username);
      expect(first.json().me.previousSignIn).toBeNull();
      env.setNow(new Date(Date.now() + 60_000));
      const second = await login(env, user.username);
      env.setNow(null);
      const prev = second.json().me.previousSignIn;
      expect(prev.ip).toBe('127.0.0.1');
      expect(Math.abs(new Date(prev.at).getTime() - Date.now())).toBeLessThan(30_000);
    }
  });
});

describe('audit retention and the profile in the settings', () => {
  it('no audit row can be deleted, not even a day-old one; the triggers are reported', async () => {
    const db = on.platform.ctx.db;
    const r = await auditRetention(db);
    expect(r.appendOnly).toBe(true);
    await expect(
      sql`delete from audit_log where seq = (select min(seq) from audit_log)`.execute(db),
    ).rejects.toThrow(/append-only/);
  });

  it('mlps3 refuses to start when the append-only trigger is disabled', async () => {
    const db = off.platform.ctx.db;
    await assertAuditAppendOnly(db);
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    try {
      expect((await auditRetention(db)).appendOnly).toBe(false);
      await expect(assertAuditAppendOnly(db)).rejects.toThrow(
        /SECURITY_PROFILE=mlps3 needs the audit log's append-only triggers/,
      );
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
    }
  });

  it('GET /api/system/settings shows the profile to the system and security admins', async () => {
    const sys = await loginAs(on, ['systemAdmin']);
    const s = (await send(on, 'GET', '/api/system/settings', sys)).json();
    expect(s.securityProfile).toBe('mlps3');
    expect(s.staffPasswords).toEqual({ minLength: 12, minClasses: 3, maxAgeDays: 90, history: 5 });
    expect(s.sessions).toMatchObject({ staffIdleMinutes: 15, absoluteHours: 8, maxPerUser: 3 });
    expect(s.adminSeparation).toBe(true);
    expect(s.audit).toMatchObject({
      appendOnly: true,
      minRetentionDays: 180,
      retentionDays: 365,
      deletesRows: false,
      archives: 0,
      archivedUpTo: 0,
    });
    const offS = (await send(off, 'GET', '/api/system/settings', await loginAs(off, ['systemAdmin']))).json();
    expect(offS).toMatchObject({ securityProfile: 'standard', adminSeparation: false });
    expect(offS.sessions).toMatchObject({ staffIdleMinutes: 30, maxPerUser: null });
  });

  it('the start output names the profile', () => {
    expect(securityProfileLine(on.config)[1]).toMatch(/MLPS level 3 \(SECURITY_PROFILE=mlps3\)/);
    expect(securityProfileLine(off.config)[0]).toMatch(/标准/);
  });
});
