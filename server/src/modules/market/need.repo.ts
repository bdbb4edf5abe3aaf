import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './market.tables.js';
import type { NeedTable } from './market.tables.js';

type Db = Kysely<DB>;
export type NeedRow = Selectable<NeedTable> & { org_name: string; solution_count: number | string };

const base = (db: Db) =>
  db
    .selectFrom('market_needs as n')
    .innerJoin('orgs as o', 'o.id', 'n.org_id')
    .selectAll('n')
    .select([
      'o.name as org_name',
      sql<number>`(select count(*) from market_solutions s where s.need_id = n.id and s.status <> 'withdrawn')`.as(
        'solution_count',
      ),
    ]);

export function findNeed(db: Db, id: string): Promise<NeedRow | undefined> {
  return base(db).where('n.id', '=', id).executeTakeFirst() as Promise<NeedRow | undefined>;
}
export function lockNeed(db: Db, id: string) {
  return db.selectFrom('market_needs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function insertNeed(db: Db, row: Insertable<NeedTable>) {
  await db.insertInto('market_needs').values(row).execute();
}
export async function updateNeed(db: Db, id: string, set: Updateable<NeedTable>) {
  await db.updateTable('market_needs').set(set).where('id', '=', id).execute();
}

export interface NeedFilter {
  status?: string;
  publicOnly?: boolean;
  orgId?: string;
  field?: string;
  challengeId?: string;
  flagged?: boolean;
}
export async function listNeeds(db: Db, f: NeedFilter, page: number, pageSize: number) {
  let q = base(db);
  if (f.publicOnly) q = q.where('n.status', '=', 'published').where('n.confidentiality', '!=', 'private');
  if (f.status) q = q.where('n.status', '=', f.status as never);
  if (f.orgId) q = q.where('n.org_id', '=', f.orgId);
  if (f.field) q = q.where('n.field', '=', f.field);
  if (f.challengeId) q = q.where('n.challenge_id', '=', f.challengeId);
  if (f.flagged) q = q.where('n.needs_refinement', '=', true);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const items = await q
    .orderBy('n.updated_at', 'desc')
    .orderBy('n.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total?.n ?? 0), items: items as NeedRow[] };
}
export async function needsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return (await base(db).where('n.id', 'in', ids).execute()) as NeedRow[];
}
