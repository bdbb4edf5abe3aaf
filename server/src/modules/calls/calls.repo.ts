/** All SQL of the calls module. */
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { CallTable } from './calls.tables.js';
import './calls.tables.js';

type Db = Kysely<DB>;
export type CallRow = Selectable<CallTable>;

export function findCall(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('calls').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Every column but the (large) document: enough to validate a cached parse. */
export function findCallHead(db: Db, id: string) {
  return db
    .selectFrom('calls')
    .select([
      'id',
      'year',
      'number',
      'title',
      'status',
      'opens_at',
      'closes_at',
      'version',
      'receipt_seq',
      'created_by',
      'created_at',
      'updated_at',
      'published_at',
      'closed_at',
      'imported_at',
      'imported_by',
      'import_source',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findCallByNumber(db: Db, number: string) {
  return db.selectFrom('calls').select(['id']).where('number', '=', number).executeTakeFirst();
}

export async function insertCall(db: Db, row: Insertable<CallTable>) {
  await db.insertInto('calls').values(row).execute();
}

/** Optimistic update: returns false when the version moved on. */
export async function updateCall(db: Db, id: string, set: Updateable<CallTable>, baseVersion?: number) {
  let q = db
    .updateTable('calls')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id);
  if (baseVersion !== undefined) q = q.where('version', '=', baseVersion);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listCalls(
  db: Db,
  q: { status?: string; year?: number; publicOnly?: boolean; page: number; pageSize: number },
) {
  let base = db.selectFrom('calls');
  if (q.status) base = base.where('status', '=', q.status as CallRow['status']);
  if (q.publicOnly) base = base.where('status', 'in', ['published', 'closed']);
  if (q.year) base = base.where('year', '=', q.year);
  const [{ n }] = await base.select((eb) => eb.fn.countAll<string>().as('n')).execute();
  const items = await base
    .select([
      'id',
      'year',
      'number',
      'title',
      'status',
      'opens_at',
      'closes_at',
      'version',
      'created_at',
      'updated_at',
      'published_at',
      'closed_at',
      'imported_at',
      'import_source',
    ])
    .orderBy('year', 'desc')
    .orderBy('created_at', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(n), items };
}

/** Published calls whose window has not closed at `now`. */
export function listOpenCalls(db: Db, now: Date) {
  return db
    .selectFrom('calls')
    .select([
      'id',
      'year',
      'number',
      'title',
      'status',
      'opens_at',
      'closes_at',
      'version',
      'created_at',
      'updated_at',
      'published_at',
      'closed_at',
      'imported_at',
      'import_source',
    ])
    .where('status', '=', 'published')
    .where('closes_at', '>', now)
    .orderBy('closes_at', 'asc')
    .execute();
}
