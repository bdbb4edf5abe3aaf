import { describe, it, expect } from 'vitest';
import { Bm25Engine } from './bm25-engine.js';
import type { SearchDoc } from './search-engine.js';
import { DOCS } from './test-fixtures.js';
import { Tokenizer } from './tokenizer.js';

/** A few hundred records built from the fixtures' vocabulary (deterministic, varied lengths). */
function corpus(n: number, prefix = 'g'): SearchDoc[] {
  const words = DOCS.flatMap((d) => [d.title, ...(d.keywords ?? [])]);
  const pick = (i: number, k: number): string => words[(i * 7 + k * 13) % words.length];
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    collection: i % 3 === 0 ? 'need' : 'achievement',
    title: pick(i, 0) + pick(i, 1),
    keywords: [pick(i, 2), pick(i, 3)],
    abstract: Array.from({ length: 3 + (i % 9) }, (_, k) => pick(i, k + 4)).join('，') + '。',
    region: i % 2 ? '闵行区' : '嘉定区',
    trl: 1 + (i % 9),
  }));
}

const QUERIES = ['锂电池 回收', '固态电解质 安全性', '电池', '湿法冶金 正极材料 回收率', '不存在的词'];

/** Everything a caller can observe: hits with scores, totals, title suggestions, counts. */
function observe(e: Bm25Engine): unknown {
  return {
    search: QUERIES.map((q) => {
      const r = e.search(q, { limit: 50 });
      return [r.total, r.hits.map((h) => [h.id, h.score.toFixed(5), h.matchedTerms.join('|')])];
    }),
    filtered: e.search('电池', { filters: { region: '闵行区', collection: 'need' } }).hits.map((h) => h.id),
    suggest: e.suggestTitle('锂电池回', 5).map((s) => [s.id, s.distance]),
    stats: { ...e.stats(), version: 0, typedBytes: 0 },
  };
}

function upserted(docs: SearchDoc[], tokenizer?: Tokenizer): Bm25Engine {
  const e = new Bm25Engine({ tokenizer });
  e.upsertMany(docs);
  e.compact();
  // the incremental path refreshes impacts only when averages drift by 10 %; bulk uses the exact ones
  e.refreshImpacts();
  return e;
}

describe('Bm25Engine.bulkLoad', () => {
  const docs = corpus(600);

  it('on the calling thread gives exactly what upserting one by one gives', async () => {
    const e = new Bm25Engine();
    const seen: number[] = [];
    await e.bulkLoad(docs, { threads: 0, chunkSize: 64, onProgress: (d) => seen.push(d) });
    expect(observe(e)).toEqual(observe(upserted(docs)));
    expect(seen.at(-1)).toBe(docs.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('in worker threads (chunks arriving out of order, a dictionary per worker) gives the same', async () => {
    const e = new Bm25Engine();
    await e.bulkLoad(docs, { threads: 2, minParallel: 0, chunkSize: 50 });
    expect(observe(e)).toEqual(observe(upserted(docs)));
  });

  it('workers segment with the staff-added domain terms of the engine’s tokenizer', async () => {
    const term = '湿法回收方法';
    const withTerm = new Tokenizer({ extraTerms: [term] });
    const e = new Bm25Engine({ tokenizer: withTerm });
    await e.bulkLoad(DOCS, { threads: 1, minParallel: 0 });
    const plain = new Bm25Engine();
    await plain.bulkLoad(DOCS, { threads: 1, minParallel: 0 });
    expect(e.search(term).hits[0]?.matchedTerms).toContain(term);
    expect(plain.search(term).hits[0]?.matchedTerms ?? []).not.toContain(term);
    expect(observe(e)).toEqual(observe(upserted(DOCS, withTerm)));
  });

  it('adds to an engine that already holds records; a repeated id replaces the older record', async () => {
    const first = corpus(200, 'x');
    const second = [...corpus(300, 'y'), { ...first[5], title: '钠离子电池正极', keywords: ['钠电'] }];
    const e = new Bm25Engine();
    e.upsertMany(first);
    await e.bulkLoad(second, { threads: 0 });
    expect(e.stats().tombstones).toBe(1);
    // dead postings count in document frequencies until compaction, as with upsert
    e.compact();
    e.refreshImpacts();
    expect(observe(e)).toEqual(observe(upserted([...first, ...second])));
    expect(e.search('钠离子').hits.map((h) => h.id)).toEqual(['x5']);
    // the laid-out lists still grow and shrink afterwards
    e.upsert({ id: 'z1', title: '钠离子电池回收', keywords: [] });
    expect(e.remove('y3')).toBe(true);
    expect(
      e
        .search('钠离子')
        .hits.map((h) => h.id)
        .sort(),
    ).toEqual(['x5', 'z1']);
    expect(e.search('电池', { limit: 1000 }).hits.map((h) => h.id)).not.toContain('y3');
  });

  it('a record that cannot be tokenised fails the load and leaves the index as it was', async () => {
    for (const threads of [0, 2]) {
      const e = new Bm25Engine();
      e.upsertMany(DOCS);
      const before = observe(e);
      const bad = [...corpus(100), { id: 'bad', title: 42 as unknown as string }, ...corpus(100, 'h')];
      await expect(e.bulkLoad(bad, { threads, minParallel: 0, chunkSize: 40 })).rejects.toThrow();
      expect(observe(e)).toEqual(before);
    }
  });
});
