/** The market's record kinds that the engine indexes (glossary: achievement, need, solution …). */
export type Collection = 'achievement' | 'need' | 'solution' | 'expert' | 'institution';

/** A record as the engine sees it: three weighted text fields plus facet fields for filters. */
export interface SearchDoc {
  id: string;
  collection?: Collection;
  title: string;
  keywords?: readonly string[];
  abstract?: string;
  /** technology field (领域), e.g. '生物医药' */
  field?: string;
  /** technology readiness level (技术成熟度) 1..9 */
  trl?: number;
  region?: string;
  transferModes?: readonly string[];
  ipTypes?: readonly string[];
}

export interface SearchFilters {
  collection?: Collection | readonly Collection[];
  field?: string | readonly string[];
  region?: string | readonly string[];
  trlMin?: number;
  trlMax?: number;
  /** any of these */
  transferModes?: readonly string[];
  /** any of these */
  ipTypes?: readonly string[];
  /** ids to leave out (e.g. the record a match starts from) */
  excludeIds?: readonly string[];
}

export interface SearchOptions {
  filters?: SearchFilters;
  limit?: number;
  offset?: number;
  /** compute highlights for the returned page (default true) */
  highlight?: boolean;
}

export interface Highlights {
  title?: string;
  abstract?: string;
}

export interface SearchHit {
  id: string;
  score: number;
  collection?: Collection;
  /** query terms found in this record: the explanation of the hit */
  matchedTerms: string[];
  highlights: Highlights;
}

export interface SearchResult {
  hits: SearchHit[];
  /** documents that matched at least one query term and passed the filters (a lower bound when pruning skipped some) */
  total: number;
  /** the query's terms after tokenisation */
  queryTerms: string[];
}

export interface TitleSuggestion {
  id: string;
  title: string;
  /** edit distance between the input and the closest prefix of the title */
  distance: number;
}

export interface EngineStats {
  docs: number;
  liveDocs: number;
  tombstones: number;
  terms: number;
  postings: number;
  /** bytes held by typed arrays (postings, per-doc columns, fuzzy grams); strings excluded */
  typedBytes: number;
  /** increments on every change; lets callers cache recommendations */
  version: number;
}

/** The search and matching engine. The default implementation is Bm25Engine (in process). */
export interface SearchEngine {
  upsert(doc: SearchDoc): void;
  upsertMany(docs: Iterable<SearchDoc>): void;
  remove(id: string): boolean;
  has(id: string): boolean;
  search(query: string, options?: SearchOptions): SearchResult;
  /** Typo-tolerant lookup of titles by a prefix or a misspelt title. */
  suggestTitle(input: string, limit?: number): TitleSuggestion[];
  snapshot(path: string): Promise<void>;
  restore(path: string): Promise<void>;
  stats(): EngineStats;
}
