export type {
  Collection,
  EngineStats,
  Highlights,
  SearchDoc,
  SearchEngine,
  SearchFilters,
  SearchHit,
  SearchOptions,
  SearchResult,
  TitleSuggestion,
} from './search-engine.js';
export { Bm25Engine, type Bm25Options } from './bm25-engine.js';
export { Tokenizer, defaultTokenizer, normalize, DOMAIN_TERMS, type TokenizerOptions } from './tokenizer.js';
export { highlight, findSpans, type HighlightOptions } from './highlight.js';
export { prefixDistance, titleGrams } from './fuzzy.js';
export {
  matchNeed,
  matchAchievement,
  matchQuery,
  Recommender,
  type Match,
  type MatchOptions,
  type NeedMatches,
} from './matching.js';
export { isMeaningfulTerm, meaningfulTerms } from './meaningful-terms.js';
