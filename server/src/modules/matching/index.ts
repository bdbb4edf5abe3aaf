/** The matching module's public face (module boundaries, docs/ARCHITECTURE.md). */
export { matchingModule } from './matching.module.js';
export {
  matchingOf,
  indexChanged,
  MatchingService,
  type Changes,
  type StartReport,
} from './matching.service.js';
export { isMeaningfulTerm, meaningfulTerms, relevanceOf } from './match-explain.rules.js';
