/**
 * The experts module's public face (module boundaries, docs/ARCHITECTURE.md): the expert pool
 * (专家库), its staff routes, challenge panels and the affinity of experts to an application. It owns
 * the tables market_expert_profiles and market_challenge_experts.
 */
import './experts.tables.js';

export { expertsModule } from './experts.module.js';
export { EXPERT_POOL_PERMISSIONS } from './experts.permissions.js';
export {
  assignToChallenge,
  challengeExperts,
  expertCards,
  expertsForIndex,
  getExpertProfile,
  isChallengeExpert,
  saveExpertProfile,
} from './experts.service.js';
export type {
  ExpertCard,
  ExpertProfile,
  ExpertProfileInput,
  IndexedExpert,
  ReviewPoolExpert,
} from './experts.types.js';
export { reviewPool } from './pool.service.js';
export {
  AffinityIndex,
  expertAffinity,
  type Affinity,
  type AffinityExpert,
  type ApplicationText,
} from './affinity.rules.js';
export { availableFor } from './experts.rules.js';
export { seedExpertPoolDemo, expertPoolDemoSeeded, seedDemoAccountInPool } from './experts.demo.js';
