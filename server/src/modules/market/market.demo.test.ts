import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createOrg } from '../../testing/factories.js';
import { fieldOf, seedMarketDemo, titleOf } from './market.demo.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('market demo seed', () => {
  it('titles and fields from an abstract', () => {
    expect(titleOf('摘要：本发明涉及一种抗体偶联药物的制备方法，包括以下步骤。')).toBe(
      '一种抗体偶联药物的制备方法',
    );
    expect(fieldOf('一种晶圆键合方法', () => 0)).toBe('集成电路');
  });

  it('without the patent file it generates records, says so, and they are searchable', async () => {
    const uni = await createOrg(env, { type: 'university' });
    const ent = await createOrg(env, { type: 'enterprise' });
    const logs: string[] = [];
    const r = await seedMarketDemo(env.platform.ctx, {
      institutionIds: [uni.id],
      enterpriseIds: [ent.id],
      limit: 12,
      path: '/nonexistent/data_A.json',
      log: (m) => logs.push(m),
    });
    expect(r).toMatchObject({ source: 'generated', achievements: 12, needs: 4 });
    expect(logs[0]).toContain('not found');
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/market/search?q=${encodeURIComponent('脑机接口')}`,
    });
    const hit = res.json().hits[0];
    expect(hit.source).toBe('generated');
    const a = await env.app.inject({ method: 'GET', url: `/api/market/achievements/${hit.id}` });
    expect(a.json().sourceNote.zh).toContain('演示数据');
    const vague = await env.platform.ctx.db
      .selectFrom('market_needs')
      .select(['title', 'needs_refinement'])
      .where('needs_refinement', '=', true)
      .execute();
    expect(vague.map((v) => v.title)).toEqual(['大模型驱动的工业质检知识库']);
  });
});
