/**
 * Every refusal of a market workflow is audited (docs/ARCHITECTURE.md, "Audit": "security events that have
 * no other change (a failed login, a denial) get their own transaction"): the change is rolled back, the
 * `permission.denied` row stays, naming the attempted action and the workflow's reason code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import { call, marketCast } from './market.test-helpers.js';

let env: TestEnv;
let cast: Awaited<ReturnType<typeof marketCast>>;

beforeAll(async () => {
  env = await createTestEnv();
  cast = await marketCast(env);
});
afterAll(async () => env?.close());

async function deniedRows(objectId: string) {
  const rows = await env.platform.ctx.db
    .selectFrom('audit_log')
    .select(['actor_id', 'object_type', 'result', 'detail'])
    .where('action', '=', 'permission.denied')
    .where('object_id', '=', objectId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail }));
}

describe('market refusals are audited', () => {
  it('an author publishing their own disclosure: 403 and a permission.denied row; the status is unchanged', async () => {
    const a = await call(env, cast.researcher.cookie, 'POST', '/api/market/achievements', {
      title: '高通量单细胞测序微流控芯片',
      abstract: '本成果提出一种微流控芯片，实现单细胞捕获效率95%以上，测序通量提高三倍，成本降低一半。',
      keywords: ['微流控', '单细胞'],
      field: '生物医药',
      organisations: [{ name: '上海测试大学', role: 'first' }],
      people: [{ name: '李四' }],
      ipItems: [{ type: 'patent', number: 'ZL202110000002.2' }],
      trl: 4,
      ownership: 'unitOwned',
      transferModes: ['licence'],
    });
    const id = a.json().id;
    await call(env, cast.researcher.cookie, 'POST', `/api/market/achievements/${id}/submit`, {});
    const self = await call(
      env,
      cast.researcher.cookie,
      'POST',
      `/api/market/achievements/${id}/publish`,
      {},
    );
    expect(self.statusCode).toBe(403);
    const state = await call(
      env,
      cast.researcher.cookie,
      'POST',
      `/api/market/achievements/${id}/keepInternal`,
      {},
    );
    expect(state.statusCode).toBe(403);
    const rows = await deniedRows(id);
    expect(rows).toEqual([
      expect.objectContaining({
        actor_id: cast.researcher.id,
        object_type: 'achievement',
        result: 'denied',
        detail: expect.objectContaining({ attempted: 'market.achievement.publish', reason: 'forbidden' }),
      }),
      expect.objectContaining({
        detail: expect.objectContaining({ attempted: 'market.achievement.keepInternal' }),
      }),
    ]);
    const full = await call(env, cast.researcher.cookie, 'GET', `/api/market/achievements/${id}/full`);
    expect(full.json().status).toBe('submitted');
  });

  it('a need closed by another enterprise and published twice: both refusals are audited', async () => {
    const n = await call(env, cast.enterprise.cookie, 'POST', '/api/market/needs', {
      title: '晶圆缺陷检测',
      problem: '晶圆表面微米级缺陷检测漏检率高，需要新的光学检测方法，检测速度每小时不少于60片。',
      indicators: ['漏检率≤0.1%'],
      keywords: ['晶圆', '缺陷检测'],
      field: '集成电路',
    });
    const id = n.json().id;
    expect(
      (await call(env, cast.enterprise.cookie, 'POST', `/api/market/needs/${id}/publish`, {})).statusCode,
    ).toBe(200);
    const again = await call(env, cast.enterprise.cookie, 'POST', `/api/market/needs/${id}/publish`, {});
    expect(again.statusCode).toBe(409);
    const foreign = await call(env, cast.enterprise2.cookie, 'POST', `/api/market/needs/${id}/close`, {});
    expect(foreign.statusCode).toBe(403);
    const rows = await deniedRows(id);
    expect(rows.map((r) => [r.detail.attempted, r.detail.reason])).toEqual([
      ['market.need.publish', 'invalid_state'],
      ['market.need.close', 'forbidden'],
    ]);
  });

  it('a challenge moved out of order is refused with 409 and audited', async () => {
    const staff = await loginAs(env, ['programmeOfficeStaff']);
    const c = await call(env, staff, 'POST', '/api/market/challenges', {
      title: '2025创新挑战赛（审计专场）',
      opensAt: '2025-08-01T00:00:00+08:00',
      closesAt: '2025-09-01T00:00:00+08:00',
    });
    const id = c.json().id;
    const res = await call(env, staff, 'POST', `/api/market/challenges/${id}/close`, {});
    expect(res.statusCode).toBe(409);
    const rows = await deniedRows(id);
    expect(rows).toEqual([
      expect.objectContaining({
        object_type: 'challenge',
        detail: expect.objectContaining({ attempted: 'market.challenge.close', reason: 'invalid_state' }),
      }),
    ]);
  });
});
