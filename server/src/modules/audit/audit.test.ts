/**
 * The audit log page in words (issue 11, "No developer words on screen"): each row carries the actor's
 * and organisation's names and the action's label, and the keyword search matches the Chinese label
 * (提交 finds the application submits) and the actor's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../platform/audit.js';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, loginAs } from '../../testing/factories.js';

let env: TestEnv;
let auditor: string;
let lead: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  env = await createTestEnv();
  auditor = await loginAs(env, ['auditor']);
  lead = await createUser(env, { roles: ['projectLead'], name: '孙审计测' });
  await env.platform.ctx.db.transaction().execute(async (trx) => {
    await appendAudit(trx, {
      actor: { id: lead.user.id, orgId: lead.user.org_id, label: lead.user.username },
      action: 'application.submit',
      objectType: 'application',
      objectId: '11111111-2222-3333-4444-555555555555',
    });
    await appendAudit(trx, {
      actor: { id: lead.user.id, orgId: lead.user.org_id, label: lead.user.username },
      action: 'auth.logout',
    });
  });
}, 300_000);
afterAll(async () => env?.close());

interface Row {
  action: string;
  actionLabel: { zh: string; en: string };
  actorName: string | null;
  actorOrgName: string | null;
  objectTypeLabel: { zh: string } | null;
}
const list = async (q: string) => {
  const res = await env.app.inject({
    method: 'GET',
    url: `/api/audit?q=${encodeURIComponent(q)}&pageSize=200`,
    headers: { cookie: auditor },
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { total: number; items: Row[] };
};

describe('the audit log in words', () => {
  it('finds the application submit by its Chinese label 提交, and not a sign-out', async () => {
    const page = await list('提交');
    const actions = page.items.map((r) => r.action);
    expect(actions).toContain('application.submit');
    expect(actions).not.toContain('auth.logout');
    const row = page.items.find((r) => r.action === 'application.submit')!;
    expect(row.actionLabel).toEqual({ zh: '正式提交申报书', en: 'Submit application' });
    expect(row.objectTypeLabel?.zh).toBe('申报书');
  });

  it("names the actor and the actor's organisation, and finds rows by the actor's name", async () => {
    const page = await list('孙审计测');
    expect(page.items.map((r) => r.action).sort()).toEqual(['application.submit', 'auth.logout']);
    const org = await env.platform.ctx.db
      .selectFrom('orgs')
      .select('name')
      .where('id', '=', lead.user.org_id)
      .executeTakeFirstOrThrow();
    for (const r of page.items) expect(r).toMatchObject({ actorName: '孙审计测', actorOrgName: org.name });
  });
});
