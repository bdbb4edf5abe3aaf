import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './market.tables.js';
import type { AchievementTable } from './market.tables.js';

type Db = Kysely<DB>;
export type AchievementRow = Selectable<AchievementTable> & { owner_name: string };

const base = (db: Db) =>
  db
    .selectFrom('market_achievements as a')
    .innerJoin('orgs as o', 'o.id', 'a.owner_org_id')
    .leftJoin('users as tm', 'tm.id', 'a.tech_manager_id')
    .selectAll('a')
    .select(['o.name as owner_name', 'tm.name as tech_manager_name']);

export type AchievementFullRow = AchievementRow & { tech_manager_name: string | null };

export function findAchievement(db: Db, id: string): Promise<AchievementFullRow | undefined> {
  return base(db).where('a.id', '=', id).executeTakeFirst() as Promise<AchievementFullRow | undefined>;
}

export async function lockAchievement(db: Db, id: string) {
  return db.selectFrom('market_achievements').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertAchievement(db: Db, row: Insertable<AchievementTable>) {
  await db.insertInto('market_achievements').values(row).execute();
}

export async function updateAchievement(db: Db, id: string, set: Updateable<AchievementTable>) {
  await db.updateTable('market_achievements').set(set).where('id', '=', id).execute();
}

export async function findByExternalRef(db: Db, orgId: string, ref: string) {
  return db
    .selectFrom('market_achievements')
    .selectAll()
    .where('owner_org_id', '=', orgId)
    .where('external_ref', '=', ref)
    .executeTakeFirst();
}

export interface ListFilter {
  status?: string;
  statuses?: string[];
  field?: string;
  ownerOrgId?: string;
  createdBy?: string;
  ids?: string[];
}

export async function listAchievements(db: Db, f: ListFilter, page: number, pageSize: number) {
  let q = base(db);
  if (f.status) q = q.where('a.status', '=', f.status as never);
  if (f.statuses) q = q.where('a.status', 'in', f.statuses as never[]);
  if (f.field) q = q.where('a.field', '=', f.field);
  if (f.ownerOrgId) q = q.where('a.owner_org_id', '=', f.ownerOrgId);
  if (f.createdBy) q = q.where('a.created_by', '=', f.createdBy);
  if (f.ids) q = q.where('a.id', 'in', f.ids.length ? f.ids : ['']);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const items = await q
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total?.n ?? 0), items: items as AchievementFullRow[] };
}

export async function achievementsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return (await base(db).where('a.id', 'in', ids).execute()) as AchievementFullRow[];
}

/** Organisation name and type (read-only lookup of the identity module's table). */
export function orgInfo(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'region'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function userInfo(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'roles', 'org_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}
