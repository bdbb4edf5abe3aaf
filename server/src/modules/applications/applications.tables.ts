import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';
import type { ApplicationStatus } from './application.workflow.js';
import type { DistrictRoute, FailingFinding } from './review.rules.js';

type JsonCol<T> = ColumnType<T, string, string>;
type BigIntCol = ColumnType<string | number, number | bigint | string, number | bigint | string>;

export interface ApplicationTable {
  id: string;
  call_id: string;
  call_year: number;
  direction_code: string;
  org_id: string;
  lead_user_id: string | null;
  created_by: string;
  status: Generated<ApplicationStatus>;
  content: JsonCol<Record<string, unknown>>;
  version: Generated<number>;
  returned_by_stage: 'org' | 'district' | null;
  return_reason: string | null;
  /** Where the district recommendation goes when no district office can act (migration 0033). */
  district_route: ColumnType<DistrictRoute | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  /** Part of an imported historical call (read-only). */
  imported: Generated<boolean>;
}

export interface ApplicationVersionTable {
  application_id: string;
  version: number;
  content: JsonCol<Record<string, unknown>>;
  saved_by: string;
  saved_at: Timestamp;
  finding_count: number;
}

export interface ApplicationAttachmentTable {
  id: string;
  application_id: string;
  type: string;
  file_id: string;
  name: string;
  size: BigIntCol;
  sha256: string;
  created_by: string;
  created_at: Timestamp;
}

export interface ApplicationReviewTable {
  id: string;
  application_id: string;
  stage: 'org' | 'district';
  decision: 'approve' | 'return';
  reason: string | null;
  commitment_fen: BigIntCol | null;
  opinion: string | null;
  /** Why it was approved although its checklist failed, and the findings it overrode. */
  override_reason: ColumnType<string | null, string | null | undefined, string | null>;
  overridden_findings: ColumnType<FailingFinding[] | null, string | null | undefined, string | null>;
  actor_id: string;
  actor_org_id: string;
  at: Timestamp;
}

export interface ApplicationReceiptTable {
  application_id: string;
  call_id: string;
  /** The call's year: `seq` counts within it, shared by every call of the year (migration 0033). */
  year: number;
  seq: number;
  number: string;
  submitted_at: Timestamp;
  package_sha256: string;
  package: JsonCol<unknown>;
}

/** The last receipt number drawn in each call year (one sequence for all calls of the year). */
export interface ReceiptSequenceTable {
  year: number;
  last_seq: number;
}

export interface ScreeningRunTable {
  id: string;
  call_id: string;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  summary: JsonCol<Record<string, number>> | null;
  error: string | null;
  started_by: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ScreeningSnapshotTable {
  id: string;
  application_id: string;
  call_id: string;
  source: 'submission' | 'run' | 'import';
  run_id: string | null;
  overall: 'pass' | 'fail' | 'incomplete';
  result: JsonCol<unknown>;
  created_at: Timestamp;
  seq: Generated<string>;
}

export interface ScreeningDecisionTable {
  id: string;
  application_id: string;
  rule_id: string;
  action: 'confirm' | 'override';
  verdict: 'pass' | 'fail';
  reason: string;
  actor_id: string;
  at: Timestamp;
}

/** An ongoing commission project from the commission's project registry (imported, migration 0034). */
export interface OngoingProjectTable {
  id: string;
  project_number: string;
  title: string;
  programme: string | null;
  lead_name: string;
  /** 身份证号, normalised (upper-case X) as the identity module stores it; shown masked. */
  lead_id_number: string;
  org_uscc: string;
  org_name: string | null;
  starts_on: ColumnType<string | null, string | null, string | null>;
  ends_on: ColumnType<string | null, string | null, string | null>;
  status: 'ongoing' | 'closed';
  source_file: string;
  imported_by: string;
  imported_at: Timestamp;
  version: Generated<number>;
}

export interface ApplicationOutcomeTable {
  application_id: string;
  screening_result: 'pass' | 'fail';
  screening_note: string | null;
  awarded: boolean;
  granted_fen: BigIntCol | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

declare module '../../platform/db-types.js' {
  interface DB {
    applications: ApplicationTable;
    application_versions: ApplicationVersionTable;
    application_attachments: ApplicationAttachmentTable;
    application_reviews: ApplicationReviewTable;
    application_receipts: ApplicationReceiptTable;
    receipt_sequences: ReceiptSequenceTable;
    screening_runs: ScreeningRunTable;
    screening_snapshots: ScreeningSnapshotTable;
    screening_decisions: ScreeningDecisionTable;
    ongoing_projects: OngoingProjectTable;
    application_outcomes: ApplicationOutcomeTable;
  }
}
