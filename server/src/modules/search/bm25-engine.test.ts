import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bm25Engine } from './bm25-engine.js';
import { DOCS } from './test-fixtures.js';

function engine(docs = DOCS): Bm25Engine {
  const e = new Bm25Engine();
  e.upsertMany(docs);
  return e;
}

describe('Bm25Engine', () => {
  it('ranks title matches above abstract-only matches (title > keywords > abstract)', () => {
    const e = engine();
    const r = e.search('锂电池', { filters: { collection: 'achievement' } });
    expect(r.hits.map((h) => h.id)).toEqual(['a2', 'a1', 'a3']);
    expect(r.hits[2].matchedTerms).toEqual(['电池']);
    const r2 = e.search('电池');
    const ids = r2.hits.map((h) => h.id);
    expect(ids.indexOf('a3')).toBe(ids.length - 1);
    expect(r2.hits[0].score).toBeGreaterThan(r2.hits[ids.length - 1].score);
  });

  it('explains hits with matched terms and highlights', () => {
    const e = engine();
    const [hit] = e.search('固态电解质 安全性').hits;
    expect(hit.matchedTerms).toEqual(expect.arrayContaining(['固态', '安全性']));
    expect(hit.highlights.title ?? '').toContain('<mark>');
    expect(hit.highlights.abstract ?? '').toContain('<mark>安全性</mark>');
  });

  it('applies facet filters', () => {
    const e = engine();
    const q = '电池';
    expect(e.search(q, { filters: { region: '嘉定区' } }).hits.map((h) => h.id)).toEqual(['a2']);
    expect(e.search(q, { filters: { trlMin: 5 } }).hits.map((h) => h.id)).toEqual(['a1']);
    expect(
      e
        .search(q, { filters: { transferModes: ['作价投资', '许可'] } })
        .hits.map((h) => h.id)
        .sort(),
    ).toEqual(['a1', 'a2', 'a3']);
    expect(e.search(q, { filters: { ipTypes: ['实用新型'] } }).hits.map((h) => h.id)).toEqual(['a3']);
    expect(
      e.search(q, { filters: { field: '生物医药', collection: 'achievement' } }).hits.map((h) => h.id),
    ).toEqual(['a3']);
    expect(
      e
        .search(q, { filters: { collection: ['need', 'expert'] } })
        .hits.map((h) => h.id)
        .sort(),
    ).toEqual(['e1', 'n1']);
    expect(e.search(q, { filters: { region: '不存在区' } }).hits).toEqual([]);
  });

  it('pages with limit and offset', () => {
    const e = engine();
    const all = e.search('电池', { limit: 10 }).hits.map((h) => h.id);
    const page = e.search('电池', { limit: 2, offset: 1 }).hits.map((h) => h.id);
    expect(page).toEqual(all.slice(1, 3));
  });

  it('updates incrementally: upsert replaces, remove deletes, compaction keeps results', () => {
    const e = engine();
    expect(e.search('湿法冶金').hits.map((h) => h.id)).toEqual(['a2']);
    e.upsert({
      ...DOCS[1],
      title: '钠离子电池正极',
      keywords: ['钠离子'],
      abstract: '钠离子电池层状氧化物正极。',
    });
    expect(e.search('湿法冶金').hits).toEqual([]);
    expect(e.search('钠离子').hits.map((h) => h.id)).toEqual(['a2']);
    expect(e.remove('a2')).toBe(true);
    expect(e.remove('a2')).toBe(false);
    expect(e.search('钠离子').hits).toEqual([]);
    const before = e.search('固态电池').hits.map((h) => h.id);
    e.compact();
    expect(e.search('固态电池').hits.map((h) => h.id)).toEqual(before);
    expect(e.stats()).toMatchObject({ liveDocs: 4, tombstones: 0 });
    // lists are shared views after compaction; appending must copy them out, not overwrite neighbours
    e.upsert({ id: 'a4', title: '固态电池隔膜', abstract: '电解质' });
    expect(e.search('隔膜').hits.map((h) => h.id)).toEqual(['a4']);
    expect(e.search('固态电池').hits.map((h) => h.id)).toContain('a1');
    expect(e.suggestTitle('固态电池隔')[0].id).toBe('a4');
  });

  it('agrees with exhaustive scoring when MaxScore prunes (many docs, k=3)', () => {
    const e = new Bm25Engine({ storeAbstracts: false });
    const words = ['电池', '材料', '方法', '系统', '装置', '控制', '数据', '传感器', '石墨烯', '催化剂'];
    for (let i = 0; i < 3000; i++) {
      const pick = (k: number) => words[(i * 7 + k * 13 + ((i * k) % 5)) % words.length];
      e.upsert({
        id: `d${i}`,
        title: `${pick(1)}${pick(2)}`,
        abstract: `${pick(3)} ${pick(4)} ${pick(5)} ${i % 97 === 0 ? '石墨烯催化剂' : ''}`,
      });
    }
    const q = '石墨烯 催化剂 电池 材料 方法';
    const pruned = e.search(q, { limit: 3, highlight: false }).hits;
    const full = e.search(q, { limit: 3000, highlight: false }).hits.slice(0, 3);
    expect(pruned.map((h) => h.score)).toEqual(full.map((h) => h.score));
    expect(pruned[0].matchedTerms).toContain('石墨');
  });

  it('finds titles despite typos and from prefixes', () => {
    const e = engine();
    expect(e.suggestTitle('脑机接口柔性电级')[0]).toMatchObject({ id: 'a3', distance: 1 });
    expect(e.suggestTitle('锂电池回')[0]).toMatchObject({ id: 'a2', distance: 0 });
    expect(e.suggestTitle('量子计算芯片')).toEqual([]);
    e.remove('a3');
    expect(e.suggestTitle('脑机接口柔性电级').map((s) => s.id)).not.toContain('a3');
  });

  it('round-trips through a snapshot and keeps accepting updates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-snap-'));
    try {
      const e = engine();
      e.remove('e1');
      const path = join(dir, 'index.bin');
      await e.snapshot(path);
      const r = new Bm25Engine();
      await r.restore(path);
      for (const q of ['电池', '固态电解质 安全性', '脑机接口']) {
        expect(r.search(q, { filters: { trlMin: 1 } })).toEqual(e.search(q, { filters: { trlMin: 1 } }));
        expect(r.search(q)).toEqual(e.search(q));
      }
      expect(r.suggestTitle('锂电池回')).toEqual(e.suggestTitle('锂电池回'));
      expect(r.stats()).toMatchObject({ liveDocs: 4, docs: e.stats().docs });
      r.upsert({ id: 'x', title: '氢燃料电池电堆', abstract: '质子交换膜' });
      expect(r.search('质子交换膜').hits.map((h) => h.id)).toEqual(['x']);
      expect(r.search('电池', { filters: { region: '嘉定区' } }).hits.map((h) => h.id)).toEqual(['a2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
