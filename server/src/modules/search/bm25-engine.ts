import { DocTable, COLLECTIONS } from './doc-table.js';
import { TitleIndex } from './fuzzy.js';
import { highlight } from './highlight.js';
import { PostingLists } from './postings.js';
import { TermPacker, fieldTexts } from './doc-terms.js';
import { bulkLoad } from './bulk-load.js';
import type { TokenizeOptions } from './bulk-tokenize.js';
import { Scorer, type QueryTerm } from './scorer.js';
import type {
  EngineStats,
  SearchDoc,
  SearchEngine,
  SearchOptions,
  SearchResult,
  TitleSuggestion,
} from './search-engine.js';
import { exportState, importState } from './engine-state.js';
import { defaultTokenizer, displayTerm, type Tokenizer } from './tokenizer.js';

export interface Bm25Options {
  tokenizer?: Tokenizer;
  /** BM25F field weights (title > keywords > abstract) */
  weights?: { title: number; keywords: number; abstract: number };
  k1?: number;
  /** keep abstracts in memory so that search can highlight them (default true) */
  storeAbstracts?: boolean;
  /** compact (drop dead postings) when tombstones exceed this share of slots (default 0.2) */
  compactRatio?: number;
}

const B = { title: 0.5, keywords: 0.5, abstract: 0.75 };

/**
 * The default SearchEngine: an in-process inverted index over typed arrays with BM25F scoring.
 * Postings keep raw per-field term frequencies and a quantised impact computed against the average
 * field lengths of an "epoch"; when the averages drift by more than 10 % the impacts are recomputed.
 */
export class Bm25Engine implements SearchEngine {
  readonly tokenizer: Tokenizer;
  readonly pl = new PostingLists();
  readonly docs = new DocTable();
  readonly titles = new TitleIndex();
  readonly w: { title: number; keywords: number; abstract: number };
  readonly k1: number;
  readonly storeAbstracts: boolean;
  private readonly compactRatio: number;
  private readonly scorer = new Scorer();
  private readonly packer = new TermPacker();
  slotOf = new Map<string, number>();
  sums = [0, 0, 0];
  epoch = [1, 1, 1];
  live = 0;
  tombstones = 0;
  version = 0;

  constructor(opts: Bm25Options = {}) {
    this.tokenizer = opts.tokenizer ?? defaultTokenizer();
    this.w = opts.weights ?? { title: 3, keywords: 2, abstract: 1 };
    this.k1 = opts.k1 ?? 1.2;
    this.storeAbstracts = opts.storeAbstracts ?? true;
    this.compactRatio = opts.compactRatio ?? 0.2;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  upsertMany(docs: Iterable<SearchDoc>): void {
    for (const d of docs) this.upsert(d);
  }

  upsert(doc: SearchDoc): void {
    this.drop(doc.id);
    const tok = this.tokenizer;
    const fields = fieldTexts(doc).map((t) => tok.tokenize(t));
    const pl = this.pl;
    const terms: number[] = [];
    this.packer.pack(
      fields,
      (t) => pl.intern(t),
      (tid, packed) => terms.push(tid, packed),
    );
    const lens: [number, number, number] = [fields[0].length, fields[1].length, fields[2].length];
    const slot = this.docs.add(doc, lens, this.storeAbstracts);
    this.slotOf.set(doc.id, slot);
    this.live++;
    for (let f = 0; f < 3; f++) this.sums[f] += lens[f];
    if (this.live === 1) this.epoch = this.avgs();
    for (let i = 0; i < terms.length; i += 2) {
      const packed = terms[i + 1];
      pl.add(terms[i], slot, (packed << 8) | this.impact(packed, slot));
    }
    this.titles.add(slot, doc.title);
    this.version++;
    if ((this.live < 4096 || (this.version & 1023) === 0) && this.drifted()) this.refreshImpacts();
  }

  /**
   * Indexes many records at once: tokenised in worker threads (when there are enough records), then
   * every posting list laid out once at its final size with impacts against the final averages.
   * Nothing is changed when tokenising fails.
   */
  async bulkLoad(docs: readonly SearchDoc[], opts?: TokenizeOptions): Promise<void> {
    await bulkLoad(this, docs, opts);
  }

  remove(id: string): boolean {
    const ok = this.drop(id);
    if (ok) {
      this.version++;
      this.maybeCompact();
    }
    return ok;
  }

  /** Compacts when dead slots exceed the configured share. */
  maybeCompact(): void {
    if (this.tombstones > this.compactRatio * this.docs.size && this.tombstones > 1000) this.compact();
  }

  /** Marks a record's slot dead (its postings stay until compaction); used by upsert and bulkLoad. */
  drop(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.docs.alive[slot] = 0;
    this.live--;
    this.tombstones++;
    this.sums[0] -= this.docs.lenT[slot];
    this.sums[1] -= this.docs.lenK[slot];
    this.sums[2] -= this.docs.lenA[slot];
    return true;
  }

  /** Drops postings and title grams of removed records and trims spare capacity. */
  compact(): void {
    this.pl.purge(this.docs.alive);
    this.titles.purge(this.docs.alive);
    this.tombstones = 0;
    if (this.drifted()) this.refreshImpacts();
  }

  avgs(): number[] {
    return this.sums.map((s) => Math.max(1, s / Math.max(1, this.live)));
  }

  drifted(): boolean {
    const a = this.avgs();
    return a.some((v, i) => Math.abs(v / this.epoch[i] - 1) > 0.1);
  }

  /** Quantised BM25F saturation of a posting: round(255 · s/(k1+s)), s = Σ w_f·tf_f / norm_f. */
  impact(packed: number, slot: number): number {
    const d = this.docs;
    const e = this.epoch;
    const s =
      (this.w.title * (packed & 3)) / (1 - B.title + (B.title * d.lenT[slot]) / e[0]) +
      (this.w.keywords * ((packed >> 2) & 3)) / (1 - B.keywords + (B.keywords * d.lenK[slot]) / e[1]) +
      (this.w.abstract * (packed >> 4)) / (1 - B.abstract + (B.abstract * d.lenA[slot]) / e[2]);
    return s <= 0 ? 0 : Math.max(1, Math.round((255 * s) / (this.k1 + s)));
  }

  /** Recomputes every posting's impact against the current average field lengths. */
  refreshImpacts(): void {
    this.epoch = this.avgs();
    const pl = this.pl;
    for (let t = 0; t < pl.termCount; t++) {
      const ids = pl.ids[t];
      const vals = pl.vals[t];
      let maxW = 0;
      for (let i = 0; i < pl.len[t]; i++) {
        const packed = vals[i] >> 8;
        const w = this.impact(packed, ids[i]);
        vals[i] = (packed << 8) | w;
        if (w > maxW) maxW = w;
      }
      pl.maxW[t] = maxW;
    }
  }

  private queryTerms(query: string): { terms: QueryTerm[]; words: string[] } {
    const counts = new Map<string, number>();
    for (const t of this.tokenizer.tokenize(query)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const N = Math.max(1, this.live);
    const terms: QueryTerm[] = [];
    for (const [t, c] of counts) {
      const tid = this.pl.idOf(t);
      if (tid === undefined || this.pl.len[tid] === 0) continue;
      const df = Math.min(this.pl.len[tid], N);
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      const mult = (idf * (1 + Math.log(c)) * (this.k1 + 1)) / 255;
      terms.push({ tid, mult, ub: mult * this.pl.maxW[tid] });
    }
    return { terms, words: [...counts.keys()] };
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(0, options.limit ?? 10);
    const offset = Math.max(0, options.offset ?? 0);
    const { terms, words } = this.queryTerms(query);
    if (terms.length === 0 || limit === 0) return { hits: [], total: 0, queryTerms: words.map(displayTerm) };
    const excluded = new Set<number>();
    for (const id of options.filters?.excludeIds ?? []) {
      const s = this.slotOf.get(id);
      if (s !== undefined) excluded.add(s);
    }
    const pass = this.docs.compile(options.filters, excluded);
    const ranked = this.scorer.run(this.pl, this.docs.alive, this.docs.size, terms, offset + limit, pass);
    const byBound = [...terms].sort((a, b) => b.ub - a.ub);
    const hits = [];
    for (let i = offset; i < ranked.slots.length; i++) {
      const slot = ranked.slots[i];
      const matched = new Set<string>();
      for (const t of byBound)
        if (this.pl.find(t.tid, slot) >= 0) matched.add(displayTerm(this.pl.terms[t.tid]));
      const matchedTerms = [...matched];
      const hl = options.highlight === false ? {} : this.highlights(slot, matchedTerms);
      const c = this.docs.coll[slot];
      hits.push({
        id: this.docs.extIds[slot],
        score: ranked.scores[i],
        ...(c > 0 ? { collection: COLLECTIONS[c - 1] } : {}),
        matchedTerms,
        highlights: hl,
      });
    }
    return { hits, total: ranked.total, queryTerms: words.map(displayTerm) };
  }

  private highlights(slot: number, terms: string[]): { title?: string; abstract?: string } {
    const out: { title?: string; abstract?: string } = { title: highlight(this.docs.titles[slot], terms) };
    const abs = this.storeAbstracts ? this.docs.abstracts[slot] : undefined;
    if (abs) out.abstract = highlight(abs, terms, { maxLength: 120 });
    return out;
  }

  suggestTitle(input: string, limit = 10): TitleSuggestion[] {
    const d = this.docs;
    return this.titles
      .suggest(input, limit, d.size, d.alive, d.titles)
      .map((h) => ({ id: d.extIds[h.slot], title: d.titles[h.slot], distance: h.distance }));
  }

  async snapshot(path: string): Promise<void> {
    await exportState(this, path);
  }

  async restore(path: string): Promise<void> {
    await importState(this, path);
    this.version++;
  }

  stats(): EngineStats {
    return {
      docs: this.docs.size,
      liveDocs: this.live,
      tombstones: this.tombstones,
      terms: this.pl.termCount,
      postings: this.pl.totalPostings(),
      typedBytes: this.pl.typedBytes() + this.docs.typedBytes() + this.titles.typedBytes(),
      version: this.version,
    };
  }
}
