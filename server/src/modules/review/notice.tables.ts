import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';
import type { NoticeStatus, ObjectionStatus } from './notice.workflow.js';

type Created = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string | Date, string, string>;
type BigIntCol = ColumnType<string | number, number | bigint | string, number | bigint | string>;

/**
 * The tables of the public notice (migration 0048_review_notice.ts): a call's notice of the proposed
 * award list, its entries (a snapshot of what is published) and the objections lodged against it.
 */
export interface ReviewNoticeTable {
  id: string;
  call_id: string;
  title: string;
  start_date: DateCol;
  end_date: DateCol;
  working_days: number;
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: Generated<NoticeStatus>;
  created_by: string;
  published_at: Timestamp | null;
  awarded_at: Timestamp | null;
  awarded_by: string | null;
  /** the consulted funding plan the list was drafted from (migration 0053; null before it) */
  plan_id: string | null;
  created_at: Created;
  updated_at: Created;
  version: Generated<number>;
}

export interface ReviewNoticeEntryTable {
  notice_id: string;
  application_id: string;
  rank: number;
  project_title: string;
  org_name: string;
  direction_code: string;
  direction_title: string;
  proposed_grant_fen: BigIntCol;
  /** set by the award: awarded (立项), or removed because an objection was upheld (异议成立) */
  outcome: 'awarded' | 'removed' | null;
}

export interface ReviewObjectionTable {
  id: string;
  notice_id: string;
  application_id: string;
  objector_name: string;
  /** personal data: masked outside the programme office's views */
  contact_phone: string | null;
  contact_email: string | null;
  organisation: string | null;
  statement: string;
  status: Generated<ObjectionStatus>;
  finding_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  /** the signed-in user who lodged it; null for an anonymous member of the public */
  submitted_by: string | null;
  /** the address it came from, for the rate limit */
  submitted_ip: string | null;
  created_at: Created;
  version: Generated<number>;
}

declare module '../../platform/db-types.js' {
  interface DB {
    review_notices: ReviewNoticeTable;
    review_notice_entries: ReviewNoticeEntryTable;
    review_objections: ReviewObjectionTable;
  }
}
