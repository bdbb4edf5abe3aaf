import type { ColumnType, Generated } from 'kysely';
import type { FundingPlanStatus } from './funding-plan.workflow.js';

type Created = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string | Date, string, string>;
type BigIntCol = ColumnType<string | number, number | bigint | string, number | bigint | string>;

/**
 * The funding plan of a call (migration 0053_review_funding_plan.ts): its lines, the budget it is
 * checked against and the consultation (会商) that settles it before the public notice.
 */
export interface ReviewFundingPlanTable {
  id: string;
  call_id: string;
  title: string;
  /** the year's budget for the call's awards (seed 003 §二(1): 2022 安排预算 2140 万元) */
  budget_fen: BigIntCol | null;
  status: Generated<FundingPlanStatus>;
  consulted_on: DateCol | null;
  /** who consulted: 市财政科技投入统筹联动平台 */
  consultation_body: string | null;
  consultation_note: string | null;
  consultation_file_id: string | null;
  /** why a consulted plan went back to draft */
  reopen_reason: string | null;
  created_by: string;
  created_at: Created;
  updated_at: Created;
  version: Generated<number>;
}

export interface ReviewFundingPlanLineTable {
  plan_id: string;
  application_id: string;
  rank: number;
  grant_fen: BigIntCol;
  first_year_fen: BigIntCol;
  reason: string | null;
}

declare module '../../platform/db-types.js' {
  interface DB {
    review_funding_plans: ReviewFundingPlanTable;
    review_funding_plan_lines: ReviewFundingPlanLineTable;
  }
}
