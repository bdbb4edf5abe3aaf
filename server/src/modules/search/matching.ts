import type { Collection, SearchDoc, SearchEngine, SearchFilters, SearchHit } from './search-engine.js';

export interface MatchOptions {
  /** results per collection (default 10) */
  limit?: number;
  /** extra filters applied to every collection (e.g. region) */
  filters?: Omit<SearchFilters, 'collection' | 'excludeIds'>;
  /** drop results whose score is below this share of the best score in their list (default 0) */
  minRelativeScore?: number;
}

export interface Match {
  id: string;
  collection: Collection;
  score: number;
  /** the terms shared by the two records: the explanation shown beside a recommendation */
  matchedTerms: string[];
  highlights: SearchHit['highlights'];
}

export interface NeedMatches {
  achievements: Match[];
  solutions: Match[];
  experts: Match[];
  institutions: Match[];
}

/**
 * The query a record sends: title and keywords repeated so that they weigh more than the body,
 * as they do in the index (title > keywords > abstract).
 */
export function matchQuery(doc: Pick<SearchDoc, 'title' | 'keywords' | 'abstract'>): string {
  const kw = (doc.keywords ?? []).join(' ');
  return [doc.title, doc.title, kw, kw, doc.abstract ?? ''].filter((s) => s.length > 0).join(' ');
}

function rank(engine: SearchEngine, doc: SearchDoc, collection: Collection, opts: MatchOptions): Match[] {
  const res = engine.search(matchQuery(doc), {
    limit: opts.limit ?? 10,
    filters: { ...opts.filters, collection, excludeIds: [doc.id] },
  });
  const best = res.hits[0]?.score ?? 0;
  const floor = best * (opts.minRelativeScore ?? 0);
  return res.hits
    .filter((h) => h.score >= floor)
    .map((h) => ({
      id: h.id,
      collection,
      score: h.score,
      matchedTerms: h.matchedTerms,
      highlights: h.highlights,
    }));
}

/** For an enterprise need (出题): the best achievements, solutions, experts and institutions (答题). */
export function matchNeed(engine: SearchEngine, need: SearchDoc, opts: MatchOptions = {}): NeedMatches {
  return {
    achievements: rank(engine, need, 'achievement', opts),
    solutions: rank(engine, need, 'solution', opts),
    experts: rank(engine, need, 'expert', opts),
    institutions: rank(engine, need, 'institution', opts),
  };
}

/** For an achievement: the enterprise needs it could answer. */
export function matchAchievement(
  engine: SearchEngine,
  achievement: SearchDoc,
  opts: MatchOptions = {},
): Match[] {
  return rank(engine, achievement, 'need', opts);
}

/**
 * Caches recommendations per record and drops them when the engine changes (its stats().version
 * moves on every upsert or remove), so recommendations refresh when records change.
 */
export class Recommender {
  private version = -1;
  private readonly needs = new Map<string, NeedMatches>();
  private readonly achievements = new Map<string, Match[]>();

  constructor(
    private readonly engine: SearchEngine,
    private readonly opts: MatchOptions = {},
  ) {}

  private sync(): void {
    const v = this.engine.stats().version;
    if (v !== this.version) {
      this.needs.clear();
      this.achievements.clear();
      this.version = v;
    }
  }

  forNeed(need: SearchDoc): NeedMatches {
    this.sync();
    let r = this.needs.get(need.id);
    if (!r) this.needs.set(need.id, (r = matchNeed(this.engine, need, this.opts)));
    return r;
  }

  forAchievement(a: SearchDoc): Match[] {
    this.sync();
    let r = this.achievements.get(a.id);
    if (!r) this.achievements.set(a.id, (r = matchAchievement(this.engine, a, this.opts)));
    return r;
  }
}
