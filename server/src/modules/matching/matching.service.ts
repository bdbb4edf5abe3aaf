import path from 'node:path';
import type { AppContext } from '../../platform/context.js';
import { canonicalJson, sha256Hex } from '../../platform/canonical.js';
import {
  Bm25Engine,
  Tokenizer,
  matchQuery,
  type Collection,
  type SearchDoc,
  type SearchFilters,
  type SearchHit,
  type SearchResult,
} from '../search/index.js';
import { LOADERS, dictionaryTerms } from './matching.repo.js';
import { SnapshotStore, docHash, writableDir } from './matching.snapshot.js';

const COLLECTIONS: Collection[] = ['achievement', 'need', 'solution', 'expert', 'institution'];

export interface StartReport {
  mode: 'restored' | 'rebuilt';
  /** why a snapshot was not used */
  reason?: string;
  docs: number;
  /** records the consistency check found changed, added or removed since the snapshot */
  repaired: number;
  ms: number;
}

export type Changes = Partial<Record<Collection, readonly string[]>>;

/**
 * The platform side of search: builds the engine's collections from the database, keeps a snapshot
 * in DATA_DIR/search/ (engine.bin + manifest.json) and checks it against the database at start,
 * applies every committed write incrementally, and caches recommendations until the index changes.
 */
export class MatchingService {
  engine: Bm25Engine;
  tokenizer: Tokenizer;
  private hashes = new Map<string, string>();
  /** collection of every indexed id */
  private kinds = new Map<string, Collection>();
  private dictionary: string[] = [];
  private cache = new Map<string, unknown>();
  private cacheVersion = -1;
  private queue: Promise<unknown> = Promise.resolve();
  private snapshotTimer: NodeJS.Timeout | null = null;
  private dirty = false;
  lastStart: StartReport | null = null;
  lastSnapshotAt: Date | null = null;

  constructor(
    private readonly ctx: AppContext,
    readonly dir: string | null,
    private readonly log: (m: string) => void = () => {},
  ) {
    this.tokenizer = new Tokenizer();
    this.engine = new Bm25Engine({ tokenizer: this.tokenizer });
  }

  private get store() {
    return this.dir ? new SnapshotStore(this.dir) : null;
  }

  private dictHash() {
    return sha256Hex(this.dictionary.join('\n'));
  }

  private async loadAll(): Promise<SearchDoc[]> {
    const out: SearchDoc[] = [];
    for (const c of COLLECTIONS) out.push(...(await LOADERS[c](this.ctx.db)));
    return out;
  }

  /** Runs index-changing work one at a time (a rebuild awaits its workers; a refresh must not interleave). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Restores the snapshot when it matches the dictionary, then repairs every record that differs from the database. */
  start(): Promise<StartReport> {
    return this.exclusive(() => this.startNow());
  }

  private async startNow(): Promise<StartReport> {
    const t0 = performance.now();
    this.dictionary = await dictionaryTerms(this.ctx.db);
    this.resetEngine();
    const docs = await this.loadAll();
    let reason = 'no data directory';
    if (this.store) {
      const restored = await this.store.restore(this.engine, this.dictHash());
      if (typeof restored !== 'string') {
        this.hashes = restored;
        const repaired = this.reconcile(docs);
        this.lastStart = {
          mode: 'restored',
          docs: this.engine.stats().liveDocs,
          repaired,
          ms: performance.now() - t0,
        };
        this.log(`search: restored snapshot, ${repaired} record(s) repaired from the database`);
        if (repaired > 0) this.markDirty();
        return this.lastStart;
      }
      reason = restored;
      this.resetEngine();
    }
    await this.indexAll(docs);
    this.lastStart = { mode: 'rebuilt', reason, docs: docs.length, repaired: 0, ms: performance.now() - t0 };
    this.log(`search: built index from the database (${docs.length} records; ${reason})`);
    this.markDirty();
    return this.lastStart;
  }

  private resetEngine() {
    this.tokenizer = new Tokenizer({ extraTerms: this.dictionary });
    this.engine = new Bm25Engine({ tokenizer: this.tokenizer });
    this.hashes.clear();
    this.kinds.clear();
    this.cache.clear();
  }

  /**
   * Builds a new engine from `docs` (bulk path: worker threads for large collections) and swaps it in
   * when it is complete, so searches keep using the old index while the new one is built.
   */
  private async indexAll(docs: SearchDoc[]) {
    const tokenizer = new Tokenizer({ extraTerms: this.dictionary });
    const engine = new Bm25Engine({ tokenizer });
    let logged = 0;
    await engine.bulkLoad(docs, {
      onProgress: (done, total) => {
        if (total >= 50_000 && done - logged >= total / 10) {
          logged = done;
          this.log(`search: tokenised ${done}/${total} records`);
        }
      },
    });
    this.tokenizer = tokenizer;
    this.engine = engine;
    this.hashes = new Map(docs.map((d) => [d.id, docHash(d)]));
    this.kinds = new Map(docs.map((d) => [d.id, d.collection!]));
    this.cache.clear();
  }

  /** Brings the index in line with `docs` (the database's truth): upserts changed or new, removes the rest. */
  private reconcile(docs: SearchDoc[]): number {
    let n = 0;
    const seen = new Set<string>();
    for (const d of docs) {
      seen.add(d.id);
      this.kinds.set(d.id, d.collection!);
      const h = docHash(d);
      if (this.hashes.get(d.id) !== h || !this.engine.has(d.id)) {
        this.engine.upsert(d);
        this.hashes.set(d.id, h);
        n++;
      }
    }
    for (const id of [...this.hashes.keys()]) {
      if (!seen.has(id)) {
        this.engine.remove(id);
        this.hashes.delete(id);
        this.kinds.delete(id);
        n++;
      }
    }
    return n;
  }

  /** Full rebuild (after a dictionary change, or on request); searches use the old index until it is done. */
  rebuild(): Promise<StartReport> {
    return this.exclusive(() => this.rebuildNow());
  }

  private async rebuildNow(): Promise<StartReport> {
    const t0 = performance.now();
    this.dictionary = await dictionaryTerms(this.ctx.db);
    const docs = await this.loadAll();
    await this.indexAll(docs);
    this.markDirty();
    return {
      mode: 'rebuilt',
      reason: 'requested',
      docs: docs.length,
      repaired: 0,
      ms: performance.now() - t0,
    };
  }

  /** Applies committed changes: each id is re-read; indexable records are upserted, the rest removed. */
  refresh(changes: Changes): Promise<number> {
    return this.exclusive(() => this.refreshNow(changes));
  }

  private async refreshNow(changes: Changes): Promise<number> {
    let n = 0;
    for (const c of COLLECTIONS) {
      const ids = [...new Set(changes[c] ?? [])];
      if (ids.length === 0) continue;
      const docs = await LOADERS[c](this.ctx.db, ids);
      const found = new Set(docs.map((d) => d.id));
      for (const d of docs) {
        const h = docHash(d);
        this.kinds.set(d.id, c);
        if (this.hashes.get(d.id) === h && this.engine.has(d.id)) continue;
        this.engine.upsert(d);
        this.hashes.set(d.id, h);
        n++;
      }
      for (const id of ids)
        if (!found.has(id) && this.engine.remove(id)) {
          this.hashes.delete(id);
          this.kinds.delete(id);
          n++;
        }
    }
    if (n > 0) this.markDirty();
    return n;
  }

  private markDirty() {
    this.dirty = true;
    if (!this.dir || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      this.snapshot().catch((e) => this.log(`search: snapshot failed: ${(e as Error).message}`));
    }, 30_000);
    this.snapshotTimer.unref();
  }

  /** Writes engine.bin then manifest.json (atomic renames); a crash between them is caught by the size check. */
  async snapshot(): Promise<boolean> {
    if (this.snapshotTimer) {
      clearTimeout(this.snapshotTimer);
      this.snapshotTimer = null;
    }
    if (!this.store) return false;
    await this.store.save(this.engine, this.dictHash(), this.hashes);
    this.dirty = false;
    this.lastSnapshotAt = new Date();
    return true;
  }

  async close(): Promise<void> {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    if (this.dirty)
      await this.snapshot().catch((e) => this.log(`search: snapshot failed: ${(e as Error).message}`));
  }

  search(q: string, opts: { filters?: SearchFilters; limit?: number; offset?: number }): SearchResult {
    return this.engine.search(q, { ...opts, highlight: true });
  }

  /** Ranks one collection against a record's text; cached until the index or the record changes. */
  rank(
    from: SearchDoc,
    collection: Collection,
    limit: number,
    filters?: Omit<SearchFilters, 'collection'>,
  ): SearchHit[] {
    const v = this.engine.stats().version;
    if (v !== this.cacheVersion) {
      this.cache.clear();
      this.cacheVersion = v;
    }
    const key = `${collection}:${limit}:${docHash(from)}:${canonicalJson(filters ?? {})}`;
    let hits = this.cache.get(key) as SearchHit[] | undefined;
    if (!hits) {
      hits = this.engine.search(matchQuery(from), {
        limit,
        filters: { ...filters, collection, excludeIds: [from.id, ...(filters?.excludeIds ?? [])] },
      }).hits;
      this.cache.set(key, hits);
    }
    return hits;
  }

  collectionOf(id: string): Collection | undefined {
    return this.kinds.get(id);
  }

  /** Typo-tolerant title lookup within some collections. */
  suggest(input: string, collections: readonly Collection[], limit: number) {
    return this.engine
      .suggestTitle(input, limit * 4)
      .filter((s) => collections.includes(this.kinds.get(s.id)!))
      .slice(0, limit)
      .map((s) => ({ ...s, collection: this.kinds.get(s.id)! }));
  }

  status() {
    return {
      ...this.engine.stats(),
      dictionaryTerms: this.dictionary.length,
      snapshotDir: this.dir,
      lastSnapshotAt: this.lastSnapshotAt?.toISOString() ?? null,
      lastStart: this.lastStart,
    };
  }
}

const starting = new WeakMap<AppContext, Promise<MatchingService>>();

/** The context's matching service, started once (snapshot dir: DATA_DIR/search, when writable). */
export function matchingOf(ctx: AppContext, log?: (m: string) => void): Promise<MatchingService> {
  const have = ctx.services.matching as MatchingService | undefined;
  if (have) return Promise.resolve(have);
  let p = starting.get(ctx);
  if (!p) {
    p = (async () => {
      const dir = await writableDir(path.join(ctx.config.dataDir, 'search'));
      const m = new MatchingService(ctx, dir, log);
      await m.start();
      ctx.services.matching = m;
      return m;
    })();
    starting.set(ctx, p);
  }
  return p;
}

/** Tell the index about committed changes (call after the transaction commits). */
export async function indexChanged(ctx: AppContext, changes: Changes): Promise<void> {
  const m = await matchingOf(ctx);
  await m.refresh(changes);
}
