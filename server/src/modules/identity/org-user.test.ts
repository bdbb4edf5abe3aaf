import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg, createUser, loginAs, randomUscc, sessionCookie } from '../../testing/factories.js';

let env: TestEnv;
let admin: string;
let staff: string;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await loginAs(env, ['systemAdmin']);
  staff = await loginAs(env, ['commissionStaff']);
});
afterAll(async () => env?.close());
beforeEach(() => env.setNow(null));

const req = (method: string, url: string, cookie: string, payload?: unknown) =>
  env.app.inject({ method: method as any, url, headers: { cookie }, payload: payload as any });
const audits = (action: string, objectId?: string) => {
  let q = env.platform.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (objectId) q = q.where('object_id', '=', objectId);
  return q.orderBy('seq').execute();
};

describe('organisations', () => {
  it('creates, reads, lists and edits an organisation; each change audited', async () => {
    const uscc = randomUscc();
    const res = await req('POST', '/api/orgs', staff, {
      name: '上海测试大学',
      type: 'university',
      uscc: uscc.toLowerCase(),
      region: '上海市徐汇区',
      contactName: '王老师',
      contactPhone: '13912345678',
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({
      uscc,
      type: 'university',
      typeLabel: { zh: '高等院校' },
      contactPhone: '139****5678',
    });
    expect((await req('GET', `/api/orgs/${org.id}`, staff)).json().name).toBe('上海测试大学');
    const list = (await req('GET', '/api/orgs?type=university&q=测试大学', staff)).json();
    expect(list.items.map((o: any) => o.id)).toContain(org.id);
    const patched = await req('PATCH', `/api/orgs/${org.id}`, staff, {
      address: '华山路1号',
      type: 'researchInstitute',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ address: '华山路1号', type: 'researchInstitute', version: 2 });
    const [created] = await audits('org.create', org.id);
    expect((created.after as any).phone).toBe('139****5678');
    const [updated] = await audits('org.update', org.id);
    expect(updated.before).toMatchObject({ type: 'university' });
    expect(updated.after).toMatchObject({ type: 'researchInstitute', address: '华山路1号' });
  });

  it('names the wrong USCC in zh and en, and saves nothing', async () => {
    const good = randomUscc();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const cases: Array<[string, string]> = [
      [bad, 'uscc_check'],
      ['91310104MA1K4XCE', 'uscc_length'],
      ['91310104MA1K4XCEIO', 'uscc_charset'],
    ];
    for (const [uscc, code] of cases) {
      const res = await req('POST', '/api/orgs', staff, {
        name: '错误代码单位',
        type: 'enterprise',
        uscc,
        region: '上海市',
      });
      expect(res.statusCode).toBe(400);
      const p = res.json();
      expect(p.code).toBe('validation_failed');
      expect(p.errors).toHaveLength(1);
      expect(p.errors[0]).toMatchObject({ field: 'uscc', code });
      expect(p.errors[0].message).toMatch(/统一社会信用代码/);
      expect(p.errors[0].messageEn).toMatch(/credit code/);
    }
    const n = await env.platform.ctx.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '错误代码单位')
      .execute();
    expect(n).toHaveLength(0);
    // duplicate
    await createOrg(env, { uscc: good, name: '先登记的单位' });
    const dup = await req('POST', '/api/orgs', staff, {
      name: '重复单位',
      type: 'enterprise',
      uscc: good,
      region: '上海市',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ field: 'uscc', code: 'uscc_taken' });
  });

  it('names schema errors per field', async () => {
    const res = await req('POST', '/api/orgs', staff, { name: '', type: 'bank' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: any) => e.field)
        .sort(),
    ).toEqual(['name', 'region', 'type', 'uscc']);
  });
});

describe('users and the organisation admin', () => {
  it('an orgAdmin creates users in their own org only, never with staff roles, with the reason shown', async () => {
    const org = await createOrg(env, { type: 'university' });
    const other = await createOrg(env, { type: 'enterprise' });
    const oa = await createUser(env, { roles: ['orgAdmin'], orgId: org.id });
    const cookie = await loginAs(env, oa);

    const ok = await req('POST', '/api/users', cookie, {
      username: 'lead_zhang',
      name: '张三',
      email: 'zhang@example.cn',
      phone: '13812345678',
      idNumber: '11010519491231002x',
      orgId: org.id,
      roles: ['projectLead'],
    });
    expect(ok.statusCode).toBe(201);
    const created = ok.json();
    expect(created.initialPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/);
    expect(created.user).toMatchObject({
      phone: '138****5678',
      idNumber: '110105********002X',
      roles: ['projectLead'],
    });
    // the initial password works
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'lead_zhang', password: created.initialPassword },
    });
    expect(login.json().me.mustChangePassword).toBe(true);
    // until the administrator-set password is changed only the set-up routes answer
    const leadCookie = sessionCookie(login);
    const early = await req('GET', '/api/notifications', leadCookie);
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({
      code: 'password_change_required',
      message: '您的密码由管理员设置，请先修改密码',
      messageEn: 'Your password was set by an administrator; change it first',
    });
    expect((await req('GET', '/api/auth/me', leadCookie)).statusCode).toBe(200);
    const changed = await req('POST', '/api/auth/password', leadCookie, {
      currentPassword: created.initialPassword,
      newPassword: 'Lead@2026-changed',
    });
    expect(changed.statusCode).toBe(204);
    expect((await req('GET', '/api/notifications', leadCookie)).statusCode).toBe(200);

    const staffRole = await req('POST', '/api/users', cookie, {
      username: 'sneaky',
      name: '李四',
      email: 'li@example.cn',
      orgId: org.id,
      roles: ['commissionStaff'],
    });
    expect(staffRole.statusCode).toBe(403);
    expect(staffRole.json().params.reason).toBe('role_not_grantable');
    expect(staffRole.json().message).toMatch(/单位管理员只能授予单位级角色/);
    expect(staffRole.json().messageEn).toMatch(/staff roles are granted by a system admin/);

    const otherOrg = await req('POST', '/api/users', cookie, {
      username: 'elsewhere',
      name: '王五',
      email: 'wang@example.cn',
      orgId: other.id,
      roles: ['projectLead'],
    });
    expect(otherOrg.statusCode).toBe(403);
    expect(otherOrg.json().params.reason).toBe('other_org');

    const stranger = await createUser(env, { roles: ['projectLead'], orgId: other.id });
    const touch = await req('PATCH', `/api/users/${stranger.user.id}`, cookie, { name: '改名' });
    expect(touch.statusCode).toBe(403);
    expect(touch.json().message).toMatch(/本单位/);
    expect((await req('GET', `/api/users/${stranger.user.id}`, cookie)).statusCode).toBe(403);
    const promote = await req('PATCH', `/api/users/${created.user.id}`, cookie, {
      roles: ['projectLead', 'expert'],
    });
    expect(promote.statusCode).toBe(403);
    // technology managers are trusted city-wide in the market (brokering), so only a system admin grants the role
    const broker = await req('PATCH', `/api/users/${created.user.id}`, cookie, {
      roles: ['projectLead', 'techManager'],
    });
    expect(broker.statusCode).toBe(403);
    expect(broker.json().params?.reason ?? broker.json().code).toBeTruthy();
    const grant = await req('PATCH', `/api/users/${created.user.id}`, cookie, {
      roles: ['projectLead', 'orgAdmin'],
    });
    expect(grant.statusCode).toBe(200);
    expect(grant.json().roles).toEqual(['projectLead', 'orgAdmin']);
    // an expert sitting in this organisation is managed by the city: no password reset by the org admin
    const expert = await createUser(env, { roles: ['expert'], orgId: org.id });
    const reset = await req('POST', `/api/users/${expert.user.id}/reset-password`, cookie, {});
    expect(reset.statusCode).toBe(403);
    expect(JSON.stringify(reset.json())).toMatch(/role_not_manageable/);

    // the list shows only the own org, masked
    const list = (await req('GET', '/api/users', cookie)).json();
    expect(list.items.every((u: any) => u.orgId === org.id)).toBe(true);
    expect(list.items.find((u: any) => u.username === 'lead_zhang')).toMatchObject({
      phone: '138****5678',
      idNumber: '110105********002X',
    });
    expect(JSON.stringify(list)).not.toContain('13812345678');

    const denied = await env.platform.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'permission.denied')
      .where('actor_id', '=', oa.user.id)
      .execute();
    expect(denied.map((d) => (d.detail as any).reason).sort()).toEqual(
      [
        'other_org',
        'other_org',
        'other_org',
        'role_not_grantable',
        'role_not_grantable',
        'role_not_grantable',
        'role_not_manageable',
      ].sort(),
    );
    const [c] = await audits('user.create', created.user.id);
    expect(c.after).toMatchObject({ phone: '138****5678', idNumber: '110105********002X' });
    expect(await audits('user.roles.change', created.user.id)).toHaveLength(1);
  });

  it('an orgAdmin may not change identity fields of the organisation, only its contacts', async () => {
    const org = await createOrg(env);
    const cookie = await loginAs(env, await createUser(env, { roles: ['orgAdmin'], orgId: org.id }));
    const r1 = await req('PATCH', `/api/orgs/${org.id}`, cookie, { uscc: randomUscc() });
    expect(r1.statusCode).toBe(403);
    expect(r1.json().params.reason).toBe('org_identity_locked');
    expect((await req('PATCH', `/api/orgs/${org.id}`, cookie, { contactName: '赵老师' })).statusCode).toBe(
      200,
    );
    const other = await createOrg(env);
    expect((await req('PATCH', `/api/orgs/${other.id}`, cookie, { contactName: 'x' })).statusCode).toBe(403);
    expect((await req('GET', `/api/orgs/${other.id}`, cookie)).statusCode).toBe(403);
    const list = (await req('GET', '/api/orgs', cookie)).json();
    expect(list.items.map((o: any) => o.id)).toEqual([org.id]);
  });

  it('validates users per field in zh and en', async () => {
    const org = await createOrg(env);
    await createUser(env, { roles: ['projectLead'], username: 'taken_name', orgId: org.id });
    const res = await req('POST', '/api/users', admin, {
      username: 'Taken_Name',
      name: '重名',
      email: 'dup@example.cn',
      idNumber: '110105194912310021',
      orgId: 'no-such-org',
      roles: ['projectLead'],
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: any) => `${e.field}:${e.code}`)).toEqual([
      'orgId:org_not_found',
      'username:username_taken',
      'idNumber:id_check',
      'password:password_too_short',
      'password:password_too_simple',
    ]);
    expect(res.json().errors[2].message).toBe('身份证号校验位不正确');
  });

  it('nobody removes their own systemAdmin role or disables themselves; disabled users cannot sign in', async () => {
    const made = await createUser(env, { roles: ['systemAdmin'] });
    const cookie = await loginAs(env, made);
    const r = await req('PATCH', `/api/users/${made.user.id}`, cookie, { roles: ['auditor'] });
    expect(r.statusCode).toBe(403);
    expect(r.json().params.reason).toBe('own_admin_role');
    expect(
      (await req('PATCH', `/api/users/${made.user.id}`, cookie, { status: 'disabled' })).json().params.reason,
    ).toBe('own_account');
    const victim = await createUser(env, { roles: ['projectLead'] });
    const vCookie = await loginAs(env, victim);
    expect(
      (await req('PATCH', `/api/users/${victim.user.id}`, cookie, { status: 'disabled' })).statusCode,
    ).toBe(200);
    expect((await req('GET', '/api/auth/me', vCookie)).statusCode).toBe(401);
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: victim.user.username, password: victim.password },
    });
    expect(login.json().code).toBe('invalid_credentials');
  });

  it('resets a password (needs reauth) and unlocks an account', async () => {
    const t0 = new Date('2031-01-01T01:00:00Z');
    env.setNow(t0);
    const adminMade = await createUser(env, { roles: ['systemAdmin'] });
    const cookie = await loginAs(env, adminMade);
    const victim = await createUser(env, { roles: ['projectLead'] });
    for (let i = 0; i < 5; i++) {
      await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: victim.user.username, password: `x-${i}-wrong` },
      });
    }
    // wrong passwords pause sign-in for this name from this address, they lock nothing
    expect((await req('GET', `/api/users/${victim.user.id}`, cookie)).json().locked).toBe(false);
    const paused = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: victim.user.username, password: victim.password },
    });
    expect(paused.json().code).toBe('sign_in_paused');
    // a lock comes from wrong TOTP codes in a session (totp.test.ts); set one here
    await env.platform.ctx.db
      .updateTable('users')
      .set({ locked_until: new Date(t0.getTime() + 15 * 60_000) })
      .where('id', '=', victim.user.id)
      .execute();
    expect((await req('GET', `/api/users/${victim.user.id}`, cookie)).json().locked).toBe(true);
    const un = await req('POST', `/api/users/${victim.user.id}/unlock`, cookie);
    expect(un.statusCode).toBe(200);
    expect(un.json().locked).toBe(false);
    const ok = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: victim.user.username, password: victim.password },
    });
    expect(ok.statusCode).toBe(200);

    env.setNow(new Date(t0.getTime() + env.config.reauthMs + 60_000));
    const stale = await req('POST', `/api/users/${victim.user.id}/reset-password`, cookie);
    expect(stale.json().code).toBe('reauth_required');
    expect((await req('POST', '/api/auth/reauth', cookie, { password: adminMade.password })).statusCode).toBe(
      204,
    );
    const reset = await req('POST', `/api/users/${victim.user.id}/reset-password`, cookie);
    expect(reset.statusCode).toBe(200);
    const { initialPassword } = reset.json();
    expect((await req('GET', '/api/auth/me', sessionCookie(ok))).statusCode).toBe(401); // sessions ended
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: victim.user.username, password: initialPassword },
    });
    expect(again.statusCode).toBe(200);
    expect(await audits('user.unlock', victim.user.id)).toHaveLength(1);
    const [r] = await audits('user.resetPassword', victim.user.id);
    expect(JSON.stringify(r)).not.toContain(initialPassword);
  });

  it('the route gate refuses a project lead on user routes and audits it', async () => {
    const made = await createUser(env, { roles: ['projectLead'] });
    const cookie = await loginAs(env, made);
    const res = await req('GET', '/api/users', cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json().params.permission).toBe('user.read');
    const rows = await env.platform.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'permission.denied')
      .where('actor_id', '=', made.user.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
