import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import { call, marketCast } from '../market/market.test-helpers.js';
import { MatchingService } from './matching.service.js';

let env: TestEnv;
let dir: string;
let cast: Awaited<ReturnType<typeof marketCast>>;
const ids: string[] = [];

async function publish(title: string, abstract: string, keywords: string[], field = '集成电路') {
  const res = await call(env, cast.researcher.cookie, 'POST', '/api/market/achievements', {
    title,
    abstract,
    keywords,
    field,
    trl: 5,
    ownership: 'unitOwned',
    transferModes: ['licence'],
  });
  const id = res.json().id as string;
  await call(env, cast.researcher.cookie, 'POST', `/api/market/achievements/${id}/submit`, {});
  await call(env, cast.transferOffice.cookie, 'POST', `/api/market/achievements/${id}/publish`, {});
  ids.push(id);
  return id;
}

const hitIds = async (q: string) =>
  (await call(env, null, 'GET', `/api/market/search?q=${encodeURIComponent(q)}`))
    .json()
    .hits.map((h: { id: string }) => h.id);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'market-search-'));
  env = await createTestEnv({ dataDir: dir });
  cast = await marketCast(env);
  await publish('一种晶圆键合方法', '本成果提供一种低温晶圆键合方法，键合强度高，适用于三维集成。', [
    '晶圆键合',
    '三维集成',
  ]);
  await publish(
    '柔性脑机接口电极',
    '本成果提供一种柔性脑机接口电极阵列，通道数256，植入损伤小。',
    ['脑机接口', '柔性电极'],
    '脑机接口',
  );
  await publish('硅光调制器芯片', '本成果提供一种硅光微环调制器芯片，速率100Gbps，功耗低。', [
    '硅光',
    '调制器',
  ]);
});
afterAll(async () => {
  await env?.close();
  await rm(dir, { recursive: true, force: true });
});

const service = () => env.platform.ctx.services.matching as MatchingService;

describe('index lifecycle', () => {
  it('builds from the database at start and updates on every committed write', async () => {
    expect(service().status().liveDocs).toBeGreaterThanOrEqual(3 + 1); // 3 achievements + their institution
    expect(await hitIds('脑机接口')).toEqual([ids[1]]);
  });

  it('a withdrawn achievement leaves the index at once (incremental remove)', async () => {
    await call(env, cast.transferOffice.cookie, 'POST', `/api/market/achievements/${ids[1]}/withdraw`, {});
    expect(await hitIds('脑机接口')).toEqual([]);
    await call(env, cast.transferOffice.cookie, 'POST', `/api/market/achievements/${ids[1]}/publish`, {});
    expect(await hitIds('脑机接口')).toEqual([ids[1]]);
  });

  it('restarts from the snapshot and repairs what changed in the database meanwhile', async () => {
    expect(await service().snapshot()).toBe(true);
    const before = service()
      .search('晶圆 硅光 调制器', { limit: 10 })
      .hits.map((h) => [h.id, h.score]);
    // a change the snapshot has not seen: written straight to the database
    await env.platform.ctx.db
      .updateTable('market_achievements')
      .set({ title: '一种晶圆混合键合方法（修订）', keywords: ['混合键合'] })
      .where('id', '=', ids[0])
      .execute();
    await env.platform.ctx.db
      .updateTable('market_achievements')
      .set({ status: 'internal' })
      .where('id', '=', ids[2])
      .execute();

    const restarted = new MatchingService(env.platform.ctx, service().dir);
    const report = await restarted.start();
    expect(report.mode).toBe('restored');
    expect(report.repaired).toBe(3); // ids[0] changed, ids[2] removed, their institution's profile changed
    expect(
      restarted
        .search('混合键合', { limit: 5, filters: { collection: 'achievement' } })
        .hits.map((h) => h.id),
    ).toEqual([ids[0]]);
    expect(
      restarted.search('硅光 调制器', { limit: 5, filters: { collection: 'achievement' } }).hits,
    ).toEqual([]);

    // an unchanged database restores to exactly the same ranking as a fresh build
    const fresh = new MatchingService(env.platform.ctx, null);
    await fresh.start();
    await restarted.snapshot();
    const again = new MatchingService(env.platform.ctx, service().dir);
    expect((await again.start()).repaired).toBe(0);
    const q = '晶圆 键合 脑机接口';
    // the snapshot restores the exact engine that wrote it …
    expect(again.search(q, { limit: 10 }).hits.map((h) => [h.id, h.score])).toEqual(
      restarted.search(q, { limit: 10 }).hits.map((h) => [h.id, h.score]),
    );
    // … and ranks as a fresh build does (scores differ slightly: removed records still count in df until compaction)
    expect(again.search(q, { limit: 10 }).hits.map((h) => h.id)).toEqual(
      fresh.search(q, { limit: 10 }).hits.map((h) => h.id),
    );
    expect(before.length).toBeGreaterThan(0);
  });

  it('a damaged snapshot is not trusted: the index is rebuilt from the database', async () => {
    await writeFile(path.join(service().dir!, 'engine.bin'), 'garbage');
    const m = new MatchingService(env.platform.ctx, service().dir);
    const r = await m.start();
    expect(r.mode).toBe('rebuilt');
    expect(r.reason).toMatch(/snapshot unusable/);
    expect(
      m.search('混合键合', { limit: 5, filters: { collection: 'achievement' } }).hits.map((h) => h.id),
    ).toEqual([ids[0]]);
  });
});

describe('domain dictionary', () => {
  it('staff add a term; the index is rebuilt and the term is matched whole', async () => {
    const staff = await loginAs(env, ['programmeOfficeStaff']);
    const noPerm = await call(env, cast.researcher.cookie, 'POST', '/api/market/dictionary', {
      terms: ['微环调制器'],
    });
    expect(noPerm.statusCode).toBe(403);
    const bad = await call(env, staff, 'POST', '/api/market/dictionary', { terms: ['有 空格', 'x'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['terms.0', 'terms.1']);
    await call(env, cast.transferOffice.cookie, 'POST', `/api/market/achievements/${ids[0]}/publish`, {});
    const before = (
      await call(env, null, 'GET', `/api/market/search?q=${encodeURIComponent('低温键合工艺')}`)
    ).json();
    expect(before.queryTerms).not.toContain('低温键合');
    const add = await call(env, staff, 'POST', '/api/market/dictionary', {
      terms: ['低温键合'],
      note: '半导体封装',
    });
    expect(add.json()).toMatchObject({ added: 1 });
    const after = (
      await call(env, null, 'GET', `/api/market/search?q=${encodeURIComponent('低温键合工艺')}`)
    ).json();
    expect(after.queryTerms).toContain('低温键合');
    const dict = await call(env, staff, 'GET', '/api/market/dictionary');
    expect(dict.json().custom).toEqual([expect.objectContaining({ term: '低温键合', note: '半导体封装' })]);
    expect(dict.json().builtIn).toContain('揭榜挂帅');
    // the restart check notices the dictionary changed and rebuilds
    await service().snapshot();
    const del = await call(env, staff, 'DELETE', `/api/market/dictionary/${encodeURIComponent('低温键合')}`);
    expect(del.json()).toMatchObject({ removed: 1 });
    const m = new MatchingService(env.platform.ctx, service().dir);
    expect((await m.start()).reason).toBe('domain dictionary changed');
  });
});
