/**
 * The experts module's public face (module boundaries, docs/ARCHITECTURE.md): the expert pool and
 * challenge panels. It owns the tables market_expert_profiles and market_challenge_experts.
 */
import './experts.tables.js';

export {
  assignToChallenge,
  challengeExperts,
  expertCards,
  expertsForIndex,
  getExpertProfile,
  isChallengeExpert,
  saveExpertProfile,
} from './experts.service.js';
export type { ExpertCard, ExpertProfile, ExpertProfileInput, IndexedExpert } from './experts.types.js';
