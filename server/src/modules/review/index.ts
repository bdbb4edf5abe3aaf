/**
 * The review module's public face (module boundaries, docs/ARCHITECTURE.md): expert review of a call's
 * applications (issue 12) — conflicts of interest, the assignment solver, score sheets, aggregation,
 * the public notice (公示) with objections (异议) and the award (立项). It owns review_rounds,
 * review_assignments and review_scores (migration 0047) and review_notices, review_notice_entries and
 * review_objections (0048), review_panel_sessions and review_panel_slots (0052).
 */
import './review.tables.js';
import './notice.tables.js';
import './panel.tables.js';

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
export { seedReviewDemo } from './review.demo.js';
export { seedPanelDemo } from './panel.demo.js';
export { isWorkingDay } from './notice.rules.js';
export { DEFAULT_SCORE_SHEET } from './score-sheet.data.js';
export { REVIEW_PERMISSIONS } from './review.permissions.js';
export { ASSIGNMENT, ROUND } from './review.workflow.js';
export { NOTICE, OBJECTION } from './notice.workflow.js';
export { seedNoticeDemo } from './notice.demo.js';
export { awardedGrants, type AwardedGrant } from './award-grants.service.js';
