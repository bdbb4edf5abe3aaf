import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { AvailabilityWindow } from './experts.tables.js';
import './experts.tables.js';

type Db = Kysely<DB>;

/** Profiles of users holding the expert role, with the account's name and status. */
function poolRows(db: Db) {
  return db
    .selectFrom('market_expert_profiles as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .selectAll('p')
    .select(['u.name', 'u.status as account_status'])
    .where(sql<boolean>`'expert' = any(u.roles)`);
}

export type PoolRow = NonNullable<Awaited<ReturnType<typeof findPoolRow>>>;

export function findPoolRow(db: Db, userId: string, forUpdate = false) {
  const q = poolRows(db).where('p.user_id', '=', userId);
  return (forUpdate ? q.forUpdate('p') : q).executeTakeFirst();
}

export interface PoolFilter {
  q?: string;
  field?: string;
  keyword?: string;
  active?: boolean;
}

function filtered(db: Db, f: PoolFilter) {
  let q = poolRows(db);
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (f.q) {
    const p = like(f.q);
    q = q.where((eb) =>
      eb.or([eb('u.name', 'ilike', p), eb('p.org_name', 'ilike', p), eb('p.title', 'ilike', p)]),
    );
  }
  if (f.field) q = q.where(sql<boolean>`${f.field} = any(p.fields)`);
  if (f.keyword) q = q.where(sql<boolean>`${f.keyword} = any(p.keywords)`);
  if (f.active !== undefined) q = q.where('p.active', '=', f.active);
  return q;
}

export async function listPool(db: Db, f: PoolFilter, page: { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    filtered(db, f).orderBy('u.name').orderBy('p.user_id').limit(page.limit).offset(page.offset).execute(),
    filtered(db, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Every expert of the pool (for the export), by name. */
export function allPool(db: Db) {
  return poolRows(db).orderBy('u.name').orderBy('p.user_id').execute();
}

export interface PoolColumns {
  org_name: string;
  org_id: string | null;
  title: string;
  fields: string[];
  keywords: string[];
  bio: string;
  contact_phone: string | null;
  contact_email: string | null;
  availability: AvailabilityWindow[];
  max_load_per_round: number;
  active: boolean;
}

/** Creates or replaces an expert's pool entry; an existing entry counts one more version. */
export async function upsertPoolEntry(
  db: Db,
  userId: string,
  c: PoolColumns,
  source: 'import' | 'staff' | 'demo',
  now: Date,
) {
  const cols = { ...c, availability: JSON.stringify(c.availability), updated_at: now };
  await db
    .insertInto('market_expert_profiles')
    .values({ user_id: userId, ...cols, source })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet((eb) => ({
        ...cols,
        version: eb('market_expert_profiles.version', '+', 1),
      })),
    )
    .execute();
}

/** The active experts of the pool whose account is active (what a review round assigns from). */
export function reviewPoolRows(db: Db) {
  return poolRows(db)
    .where('p.active', '=', true)
    .where('u.status', '=', 'active')
    .orderBy('p.user_id')
    .execute();
}
