/**
 * The review module's public face (module boundaries, docs/ARCHITECTURE.md): expert review of a call's
 * applications (issue 12) — conflicts of interest, the assignment solver, score sheets, aggregation,
 * the public notice calendar. It owns review_rounds, review_assignments and review_scores (migration
 * 0047); the routes and services that fill them are the next step.
 */
import './review.tables.js';

export {
  conflictsOf,
  exclusionsOf,
  normaliseName,
  type Conflict,
  type ConflictCode,
} from './conflict.rules.js';
export { affinityBound, greedyAssignment, replacementFor, solveAssignment } from './assignment.rules.js';
export { aggregate, rankByDirection, standardise, trimmedMean } from './aggregation.rules.js';
export { reviewModule } from './review.module.js';
export { seedReviewDemo, DEMO_SHEET } from './review.demo.js';
export { REVIEW_PERMISSIONS } from './review.permissions.js';
export { ASSIGNMENT, ROUND } from './review.workflow.js';
