import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';
import type { AssignmentStatus, RoundStatus } from './review.workflow.js';

type Created = ColumnType<Date, Date | string | undefined, Date | string>;
type JsonCol<T> = ColumnType<T, string, string>;

/**
 * The tables the review module owns (migration 0047_review.ts): a call's review rounds, the
 * assignments of experts to applications in a round, and each assignment's score sheet.
 */
export interface ReviewRoundTable {
  id: string;
  call_id: string;
  round_no: 1 | 2;
  kind: 'remoteReview' | 'panelReview';
  experts_per_application: number;
  blind: boolean;
  exclude_earlier_reviewers: boolean;
  score_sheet: JsonCol<unknown>;
  deadline_at: Timestamp;
  status: Generated<RoundStatus>;
  /** the last automatic assignment: per application the excluded experts with reasons, and any shortfall */
  assignment_report: JsonCol<unknown> | null;
  created_by: string;
  created_at: Created;
  updated_at: Created;
  version: Generated<number>;
}

export interface ReviewAssignmentTable {
  id: string;
  round_id: string;
  application_id: string;
  expert_user_id: string;
  status: Generated<AssignmentStatus>;
  affinity: Generated<number>;
  matched_terms: ColumnType<string[], string | undefined, string>;
  source: 'solver' | 'staff' | 'replacement';
  change_reason: string | null;
  decline_reason: string | null;
  declared_conflict: Generated<boolean>;
  created_by: string;
  created_at: Created;
  updated_at: Created;
  version: Generated<number>;
}

export interface ReviewScoreTable {
  assignment_id: string;
  scores: ColumnType<Record<string, number>, string | undefined, string>;
  /** the overall opinion (专家意见) */
  comment: Generated<string>;
  /** criterion key → that criterion's comment (migration 0051) */
  comments: ColumnType<Record<string, string>, string | undefined, string>;
  recommendation: string | null;
  total: number | null;
  submitted_at: Timestamp | null;
  updated_at: Created;
  version: Generated<number>;
}

declare module '../../platform/db-types.js' {
  interface DB {
    review_rounds: ReviewRoundTable;
    review_assignments: ReviewAssignmentTable;
    review_scores: ReviewScoreTable;
  }
}
