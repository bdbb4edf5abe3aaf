/** Rows of the review module → the answers review.schema.ts describes, with the workflow's actions. */
import type { z } from 'zod';
import type { Actor } from '../../platform/roles.js';
import type { AssignedExpert, RoundSummary } from './review.schema.js';
import type { AssignmentRow, RoundRow } from './review.repo.js';
import { ASSIGNMENT_STATUS, ROUND, ROUND_STATUS } from './review.workflow.js';

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function roundSummaryDto(
  r: RoundRow,
  counts: { applications: number; assignments: Record<string, number> },
  actor: Actor | null,
): z.infer<typeof RoundSummary> {
  const { actions, denials } = ROUND.available(actor, r);
  return {
    id: r.id,
    callId: r.call_id,
    roundNo: r.round_no,
    kind: r.kind,
    expertsPerApplication: r.experts_per_application,
    blind: r.blind,
    excludeEarlierReviewers: r.exclude_earlier_reviewers,
    deadlineAt: iso(r.deadline_at)!,
    status: r.status,
    statusLabel: ROUND_STATUS[r.status],
    applications: counts.applications,
    assignments: counts.assignments,
    version: r.version,
    actions,
    denials,
  };
}

export function assignedExpertDto(
  a: AssignmentRow,
  expert: { name: string; orgName: string } | undefined,
): z.infer<typeof AssignedExpert> {
  return {
    assignmentId: a.id,
    expertUserId: a.expert_user_id,
    expertName: expert?.name ?? '',
    expertOrgName: expert?.orgName ?? '',
    affinity: a.affinity,
    matchedTerms: a.matched_terms,
    status: a.status,
    statusLabel: ASSIGNMENT_STATUS[a.status],
    source: a.source,
    changeReason: a.change_reason,
    declineReason: a.decline_reason,
    declaredConflict: a.declared_conflict,
    version: a.version,
  };
}

/** Live assignments of a round by state (what the round list shows). */
export function countByStatus(rows: readonly AssignmentRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of rows) out[a.status] = (out[a.status] ?? 0) + 1;
  return out;
}
