import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';
import type { AgreementStatus } from './agreement.workflow.js';
import type { TrancheStatus } from './tranche.workflow.js';
import type { AgreementKpi, BudgetYear, Milestone } from './agreement.rules.js';
import type { TrancheTrigger } from './disbursement.rules.js';
import type { ChangeKind, ChangePayload } from './change.rules.js';
import type { ChangeStatus } from './change.workflow.js';

type Created = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string | Date, string, string>;
type BigIntCol = ColumnType<string | number, number | bigint | string, number | bigint | string>;
type Json<T> = ColumnType<T, string, string>;

/**
 * The tables the projects module owns (migration 0060_projects.ts): one agreement (任务书) per awarded
 * application, and its disbursement tranches (拨付批次), the ledger of the money.
 */
export interface ProjectsAgreementTable {
  id: string;
  application_id: string;
  call_id: string;
  /** the call's title at drafting (migration 0061) */
  call_title: Generated<string>;
  org_id: string;
  lead_user_id: string | null;
  project_title: string;
  direction_code: string;
  direction_title: string;
  start_date: DateCol;
  end_date: DateCol;
  years: number;
  grant_fen: BigIntCol;
  first_year_fen: BigIntCol;
  self_funding_fen: BigIntCol;
  district_matching_fen: BigIntCol;
  kpis: Json<AgreementKpi[]>;
  budget: Json<BudgetYear[]>;
  milestones: Json<Milestone[]>;
  /** where the disbursement schedule comes from (the seed's 政策兑现方式) */
  schedule_source: string;
  status: Generated<AgreementStatus>;
  reopen_reason: string | null;
  org_confirmed_by: string | null;
  org_confirmed_at: Timestamp | null;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  /** set by the mid-term review and the acceptance (Programme III monitoring), null until then */
  midterm_passed_at: Timestamp | null;
  acceptance_passed_at: Timestamp | null;
  /** an approved extension's new end date: the final tranche waits for the acceptance */
  extended_to: DateCol | null;
  created_by: string;
  created_at: Created;
  updated_at: Created;
  version: Generated<number>;
}

export interface ProjectsTrancheTable {
  id: string;
  agreement_id: string;
  seq: number;
  trigger: TrancheTrigger;
  percent: number;
  amount_fen: BigIntCol;
  status: Generated<TrancheStatus>;
  requested_by: string | null;
  requested_at: Timestamp | null;
  request_note: string | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  refuse_reason: string | null;
  paid_on: DateCol | null;
  payment_ref: string | null;
  paid_by: string | null;
  paid_at: Timestamp | null;
  updated_at: Created;
  version: Generated<number>;
}

/** A change request of a signed agreement (migration 0062). */
export interface ProjectsChangeTable {
  id: string;
  agreement_id: string;
  kind: ChangeKind;
  reason: string;
  payload: Json<ChangePayload>;
  status: Generated<ChangeStatus>;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  version: Generated<number>;
}

/** The agreement as it was before each change (migration 0062). */
export interface ProjectsAgreementVersionTable {
  agreement_id: string;
  version: number;
  snapshot: Json<Record<string, unknown>>;
  /** what changed it: the draft's edit, or an approved change request */
  cause: string;
  changed_by: string;
  changed_at: Timestamp;
}

declare module '../../platform/db-types.js' {
  interface DB {
    projects_agreements: ProjectsAgreementTable;
    projects_tranches: ProjectsTrancheTable;
    projects_changes: ProjectsChangeTable;
    projects_agreement_versions: ProjectsAgreementVersionTable;
  }
}
