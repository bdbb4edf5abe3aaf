/** All SQL of a call's funding plan (资助计划) and its lines. */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { ReviewFundingPlanLineTable, ReviewFundingPlanTable } from './funding-plan.tables.js';
import './funding-plan.tables.js';

type Db = Kysely<DB>;
export type FundingPlanRow = Omit<Selectable<ReviewFundingPlanTable>, 'consulted_on'> & {
  consulted_on: string | null;
};
export type FundingPlanLineRow = Selectable<ReviewFundingPlanLineTable>;

const planColumns = [
  'id',
  'call_id',
  'title',
  'budget_fen',
  'status',
  'consultation_body',
  'consultation_note',
  'consultation_file_id',
  'reopen_reason',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const;

function selectPlans(db: Db) {
  return db
    .selectFrom('review_funding_plans')
    .select(planColumns)
    .select(sql<string | null>`to_char(consulted_on, 'YYYY-MM-DD')`.as('consulted_on'));
}

export async function insertPlan(db: Db, row: Insertable<ReviewFundingPlanTable>) {
  await db.insertInto('review_funding_plans').values(row).execute();
}

export async function findPlan(db: Db, id: string, forUpdate = false): Promise<FundingPlanRow | undefined> {
  const q = selectPlans(db).where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function planOfCall(db: Db, callId: string): Promise<FundingPlanRow | undefined> {
  return selectPlans(db).where('call_id', '=', callId).executeTakeFirst();
}

export async function updatePlan(db: Db, id: string, set: Updateable<ReviewFundingPlanTable>) {
  await db.updateTable('review_funding_plans').set(set).where('id', '=', id).execute();
}

export function linesOf(db: Db, planId: string) {
  return db
    .selectFrom('review_funding_plan_lines')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('rank')
    .execute();
}

/** Replaces the plan's lines with these (a revision writes the whole list). */
export async function replaceLines(db: Db, planId: string, rows: Insertable<ReviewFundingPlanLineTable>[]) {
  await db.deleteFrom('review_funding_plan_lines').where('plan_id', '=', planId).execute();
  if (rows.length) await db.insertInto('review_funding_plan_lines').values(rows).execute();
}
