/** SQL of screening (形式审查): snapshots, runs, staff decisions and the screening list. */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type {
  ScreeningDecisionTable,
  ScreeningRunTable,
  ScreeningSnapshotTable,
} from './applications.tables.js';
import './applications.tables.js';
import { SUBMITTED_STATUSES } from './application.workflow.js';

type Db = Kysely<DB>;

export async function insertSnapshot(db: Db, row: Insertable<ScreeningSnapshotTable>) {
  await db.insertInto('screening_snapshots').values(row).execute();
}

export async function insertRun(db: Db, row: Insertable<ScreeningRunTable>) {
  await db.insertInto('screening_runs').values(row).execute();
}

export async function updateRun(db: Db, id: string, set: Partial<Insertable<ScreeningRunTable>>) {
  await db.updateTable('screening_runs').set(set).where('id', '=', id).execute();
}

export function findRun(db: Db, callId: string, id: string) {
  return db
    .selectFrom('screening_runs')
    .selectAll()
    .where('id', '=', id)
    .where('call_id', '=', callId)
    .executeTakeFirst();
}

export async function insertDecision(db: Db, row: Insertable<ScreeningDecisionTable>) {
  await db.insertInto('screening_decisions').values(row).execute();
}

export function decisionsOf(db: Db, applicationIds: string[]) {
  if (!applicationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('screening_decisions')
    .leftJoin('users', 'users.id', 'screening_decisions.actor_id')
    .selectAll('screening_decisions')
    .select('users.name as actor_name')
    .where('application_id', 'in', applicationIds)
    .orderBy('at')
    .execute();
}

/** Submitted applications of a call (ids, in receipt order) for a screening run. */
export function submittedIds(db: Db, callId: string) {
  return db
    .selectFrom('applications as a')
    .leftJoin('application_receipts as r', 'r.application_id', 'a.id')
    .select(['a.id'])
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', [...SUBMITTED_STATUSES])
    .orderBy('r.seq')
    .execute();
}

/** Submitted applications of a call with their latest snapshot, org and receipt (the screening list). */
export function screeningRows(db: Db, callId: string, f: { direction?: string; orgType?: string }) {
  let q = db
    .selectFrom('applications as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('application_receipts as r', 'r.application_id', 'a.id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('screening_snapshots')
          .distinctOn('application_id')
          .select(['application_id', 'overall', 'result', 'created_at', 'source'])
          .where('call_id', '=', callId)
          .orderBy('application_id')
          .orderBy('seq', 'desc')
          .as('s'),
      (join) => join.onRef('s.application_id', '=', 'a.id'),
    )
    .select([
      'a.id',
      'a.direction_code',
      'a.org_id',
      'a.lead_user_id',
      'a.content',
      'a.submitted_at',
      'a.status',
      'a.imported',
      'o.name as org_name',
      'o.type as org_type',
      'o.uscc as org_uscc',
      'r.number as receipt_number',
      'r.seq as receipt_seq',
      's.overall',
      's.result',
      's.created_at as screened_at',
      's.source as screened_by',
    ])
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', [...SUBMITTED_STATUSES]);
  if (f.direction) q = q.where('a.direction_code', '=', f.direction);
  if (f.orgType) q = q.where('o.type', '=', f.orgType as never);
  return q.orderBy('r.seq').execute();
}
