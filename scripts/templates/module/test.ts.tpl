/**
 * The __name__ record through the real routes and a real database (PGlite, or PostgreSQL when
 * DATABASE_URL is set): the author writes and submits, staff return and approve; a refusal is
 * answered with its reason and audited; every change leaves an audit record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg, createUser, loginAs } from '../../testing/factories.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const http = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  env.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

async function auditOf(objectId: string) {
  return env.platform.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'result'])
    .where('object_id', '=', objectId)
    .orderBy('seq')
    .execute();
}

describe('__name__ records', () => {
  it('walks a record from draft to approved, auditing each change', async () => {
    const org = await createOrg(env, { type: 'university' });
    const author = await createUser(env, { roles: ['projectLead'], orgId: org.id });
    const a = await loginAs(env, author);
    const staff = await loginAs(env, ['commissionStaff']);

    const made = await http(a, 'POST', '/__name__/records', { title: '样例记录', amountFen: 500_000_000 });
    expect(made.statusCode, made.body).toBe(201);
    const rec = made.json();
    expect(rec).toMatchObject({ status: 'draft', amountFen: 500_000_000, actions: ['edit', 'submit'] });

    expect((await http(a, 'POST', `/__name__/records/${rec.id}/submit`, { version: 1 })).statusCode).toBe(200);
    const noReason = await http(staff, 'POST', `/__name__/records/${rec.id}/return`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })]);
    const back = await http(staff, 'POST', `/__name__/records/${rec.id}/return`, { reason: '请补充金额依据' });
    expect(back.json()).toMatchObject({ status: 'returned', returnReason: '请补充金额依据' });
    await http(a, 'POST', `/__name__/records/${rec.id}/submit`, {});
    const done = await http(staff, 'POST', `/__name__/records/${rec.id}/approve`, {});
    expect(done.json()).toMatchObject({ status: 'approved', version: 5, actions: [] });

    expect((await auditOf(rec.id)).map((r) => r.action)).toEqual([
      '__name__.record.create',
      '__name__.record.submit',
      '__name__.record.return',
      '__name__.record.submit',
      '__name__.record.approve',
    ]);
  });

  it('refuses with the workflow’s reason, audits the refusal and changes nothing', async () => {
    const org = await createOrg(env, { type: 'enterprise' });
    const author = await createUser(env, { roles: ['enterpriseUser'], orgId: org.id });
    const colleague = await createUser(env, { roles: ['enterpriseUser'], orgId: org.id });
    const a = await loginAs(env, author);
    const rec = (await http(a, 'POST', '/__name__/records', { title: '另一条记录' })).json();

    const denied = await http(await loginAs(env, colleague), 'POST', `/__name__/records/${rec.id}/submit`, {});
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toContain('只有记录的填写人');
    expect((await http(a, 'GET', `/__name__/records/${rec.id}`)).json().status).toBe('draft');
    expect(await auditOf(rec.id)).toEqual([
      expect.objectContaining({ action: '__name__.record.create', result: 'ok' }),
      expect.objectContaining({ action: 'permission.denied', actor_id: colleague.user.id, result: 'denied' }),
    ]);

    const stranger = await loginAs(env, ['projectLead']);
    expect((await http(stranger, 'GET', `/__name__/records/${rec.id}`)).statusCode).toBe(404);
  });
});
