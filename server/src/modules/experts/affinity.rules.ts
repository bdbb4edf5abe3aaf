/**
 * Affinity of experts to an application (issue 12, "Experts"): how well an expert's fields (技术领域)
 * and keywords cover an application's direction, title, content and keywords, by the platform's Chinese
 * matching engine (modules/search: the jieba tokenizer with the domain dictionary, BM25F).
 *
 * The experts are the documents (fields weigh as a title, keywords as keywords) and the application's
 * text is the query. A BM25 score has no upper bound, so each expert's score is divided by the score
 * the expert's own fields and keywords would reach as the query — the best an application can do for
 * that expert — and capped at 1: 1 means the application touches everything the expert lists,
 * 0 nothing. The matched terms are first the expert's own fields and keywords found whole in the
 * application, then the other meaningful shared terms (no single character, number or stop-word)
 * that are not part of one already shown, most telling first. Pure: the same pool and text give the same answer.
 */
import { Bm25Engine, meaningfulTerms, normalize, type Tokenizer } from '../search/index.js';

export interface AffinityExpert {
  userId: string;
  fields: readonly string[];
  keywords: readonly string[];
}

/** What the review module passes in of an application (it keeps its own records). */
export interface ApplicationText {
  direction: string;
  title: string;
  content: string;
  keywords: readonly string[];
}

export interface Affinity {
  userId: string;
  /** in [0, 1], rounded to 4 places */
  score: number;
  matchedTerms: string[];
}

const ownText = (e: AffinityExpert) => [...e.fields, ...e.keywords].join('；');
const queryOf = (a: ApplicationText) => [a.direction, a.title, a.keywords.join('；'), a.content].join('\n');

/** The pool indexed once; `of(application)` scores every expert of it. */
export class AffinityIndex {
  private readonly engine: Bm25Engine;
  private readonly experts: readonly AffinityExpert[];
  private readonly best = new Map<string, number>();

  constructor(experts: readonly AffinityExpert[], opts: { tokenizer?: Tokenizer } = {}) {
    this.experts = experts;
    this.engine = new Bm25Engine({ tokenizer: opts.tokenizer, storeAbstracts: false });
    this.engine.upsertMany(
      experts.map((e) => ({ id: e.userId, title: e.fields.join('；'), keywords: e.keywords, abstract: '' })),
    );
  }

  private hits(query: string) {
    return this.engine.search(query, { limit: this.experts.length, highlight: false }).hits;
  }

  /** The score an expert's own fields and keywords reach against the expert (0 for an empty profile). */
  private bestOf(e: AffinityExpert): number {
    let b = this.best.get(e.userId);
    if (b === undefined) {
      b = this.hits(ownText(e)).find((h) => h.id === e.userId)?.score ?? 0;
      this.best.set(e.userId, b);
    }
    return b;
  }

  /** Every expert of the pool, in the pool's order, with the score and the matched terms. */
  of(application: ApplicationText): Affinity[] {
    const text = queryOf(application);
    const norm = normalize(text);
    const byId = new Map(this.hits(text).map((h) => [h.id, h]));
    return this.experts.map((e) => {
      const hit = byId.get(e.userId);
      const matchedTerms = hit ? explained([...e.fields, ...e.keywords], hit.matchedTerms, norm) : [];
      const best = this.bestOf(e);
      const score = hit && best > 0 && matchedTerms.length > 0 ? Math.min(1, hit.score / best) : 0;
      return { userId: e.userId, score: Math.round(score * 10_000) / 10_000, matchedTerms };
    });
  }
}

/** The expert's phrases found whole in the text, then the shared terms no shown phrase contains. */
function explained(phrases: readonly string[], matched: readonly string[], norm: string): string[] {
  const whole = [...new Set(phrases.filter((p) => p.trim() && norm.includes(normalize(p.trim()))))];
  const rest = meaningfulTerms(matched).filter((t) => !whole.some((p) => normalize(p).includes(t)));
  return [...whole, ...rest];
}

/** Affinity of every expert of `experts` to one application (index once with AffinityIndex for many). */
export function expertAffinity(
  experts: readonly AffinityExpert[],
  application: ApplicationText,
  opts: { tokenizer?: Tokenizer } = {},
): Affinity[] {
  return new AffinityIndex(experts, opts).of(application);
}
