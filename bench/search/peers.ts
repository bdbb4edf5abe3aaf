import MiniSearch from 'minisearch';
import { create, insertMultiple, load, save, search as oramaSearch } from '@orama/orama';
import { Index, Charset } from 'flexsearch';
import { mkdirSync } from 'node:fs';
import { Bm25Engine, defaultTokenizer, type SearchDoc } from '../../server/src/modules/search/index.js';

/** What the runner needs from each engine under test. */
export interface BenchEngine {
  name: string;
  build(docs: readonly SearchDoc[]): Promise<void>;
  search(query: string, k: number): Promise<string[]> | string[];
  /** persist and reload the index, returning the restore time in ms (undefined when not supported) */
  coldStart?(): Promise<number>;
  /** bytes the engine holds outside this process (e.g. a Postgres relation), if any */
  externalBytes?(): Promise<number>;
  close?(): Promise<void>;
}

const tok = () => defaultTokenizer();
const keywordsText = (d: SearchDoc): string => (d.keywords ?? []).join(' ');

export function ours(): BenchEngine {
  let e = new Bm25Engine({ storeAbstracts: false });
  return {
    name: 'ours (bm25 typed arrays)',
    async build(docs) {
      // the platform's own bulk path (MatchingService.indexAll): worker threads above 20k records
      await e.bulkLoad(docs);
    },
    search: (q, k) => e.search(q, { limit: k, highlight: false }).hits.map((h) => h.id),
    async coldStart() {
      mkdirSync('.bench-out', { recursive: true });
      const path = `.bench-out/search-snapshot-${process.pid}.bin`;
      await e.snapshot(path);
      e = new Bm25Engine({ storeAbstracts: false });
      (globalThis as { gc?: () => void }).gc?.();
      const t = performance.now();
      await e.restore(path);
      return performance.now() - t;
    },
  };
}

export function minisearch(mode: 'jieba' | 'default'): BenchEngine {
  const opts = {
    fields: ['title', 'keywords', 'abstract'],
    idField: 'id',
    extractField: (d: any, f: string) => (f === 'keywords' ? keywordsText(d) : d[f]),
    ...(mode === 'jieba'
      ? { tokenize: (s: string) => tok().tokenize(s), processTerm: (t: string) => t }
      : {}),
    searchOptions: { boost: { title: 3, keywords: 2 }, combineWith: 'OR' as const },
  };
  let ms = new MiniSearch(opts);
  return {
    name: `MiniSearch (${mode === 'jieba' ? 'jieba tokens' : 'own default tokenizer'})`,
    async build(docs) {
      ms.addAll(docs as SearchDoc[]);
    },
    search: (q, k) =>
      ms
        .search(q)
        .slice(0, k)
        .map((r) => String(r.id)),
    async coldStart() {
      const json = JSON.stringify(ms);
      ms = null as unknown as MiniSearch;
      const t = performance.now();
      ms = MiniSearch.loadJSON(json, opts);
      return performance.now() - t;
    },
  };
}

export function orama(mode: 'jieba' | 'default'): BenchEngine {
  const schema = { id: 'string', title: 'string', keywords: 'string', abstract: 'string' } as const;
  const make = () =>
    mode === 'jieba'
      ? create({
          schema,
          components: {
            tokenizer: {
              language: 'chinese',
              normalizationCache: new Map(),
              tokenize: (raw: string) => tok().tokenize(raw),
            },
          },
        })
      : create({ schema });
  let db = make();
  return {
    name: `Orama (${mode === 'jieba' ? 'jieba tokens' : 'own default tokenizer'})`,
    async build(docs) {
      const rows = docs.map((d) => ({
        id: d.id,
        title: d.title,
        keywords: keywordsText(d),
        abstract: d.abstract ?? '',
      }));
      await insertMultiple(db, rows, 5000);
    },
    async search(q, k) {
      const r = await oramaSearch(db, { term: q, limit: k, boost: { title: 3, keywords: 2 } });
      return r.hits.map((h) => String(h.id));
    },
    async coldStart() {
      const raw = JSON.stringify(save(db));
      db = make();
      const t = performance.now();
      load(db, JSON.parse(raw));
      return performance.now() - t;
    },
  };
}

export function flexsearch(mode: 'jieba' | 'cjk'): BenchEngine {
  const idx =
    mode === 'jieba'
      ? new Index({ encode: (s: string) => tok().tokenize(s), tokenize: 'strict', resolution: 9 })
      : new Index({ encoder: Charset.CJK, tokenize: 'forward' });
  const ids: string[] = [];
  return {
    name: `FlexSearch (${mode === 'jieba' ? 'jieba tokens' : 'own CJK charset'})`,
    async build(docs) {
      docs.forEach((d, i) => {
        ids.push(d.id);
        idx.add(i, `${d.title} ${d.title} ${keywordsText(d)} ${d.abstract ?? ''}`);
      });
    },
    search: (q, k) => (idx.search(q, { limit: k, suggest: true }) as number[]).map((i) => ids[i]),
  };
}
