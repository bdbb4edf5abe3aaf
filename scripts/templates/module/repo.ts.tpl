/** All SQL of the __name__ module. Functions take the database or the caller's transaction. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { __Name__RecordTable } from './__name__.tables.js';
import type { __Name__Status } from './__name__.workflow.js';

type Db = Kysely<DB>;
export type __Name__Row = Selectable<__Name__RecordTable>;

export function find__Name__(db: Db, id: string): Promise<__Name__Row | undefined> {
  return db.selectFrom('__name___records').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row, locked until the transaction ends (read it again inside the transaction that changes it). */
export function lock__Name__(trx: Db, id: string): Promise<__Name__Row | undefined> {
  return trx.selectFrom('__name___records').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insert__Name__(trx: Db, row: Insertable<__Name__RecordTable>): Promise<void> {
  await trx.insertInto('__name___records').values(row).execute();
}

export async function update__Name__(trx: Db, id: string, set: Updateable<__Name__RecordTable>): Promise<void> {
  await trx.updateTable('__name___records').set(set).where('id', '=', id).execute();
}

export interface __Name__Filter {
  /** only this organisation's records (callers who are not staff) */
  orgId?: string;
  status?: __Name__Status;
}

export async function list__Name__(db: Db, f: __Name__Filter, page: number, pageSize: number) {
  let q = db.selectFrom('__name___records');
  if (f.orgId) q = q.where('org_id', '=', f.orgId);
  if (f.status) q = q.where('status', '=', f.status);
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const items = await q
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total?.n ?? 0), items };
}
