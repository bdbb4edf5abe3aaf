import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './identity.tables.js';

type Db = Kysely<DB>;

/** Accounts with this e-mail address (case-insensitive), oldest first. */
export function accountsByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'roles', 'org_id', 'status'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .orderBy('created_at')
    .execute();
}

export async function usernamesLike(db: Db, prefix: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where((eb) => eb(eb.fn('lower', ['username']), 'like', `${prefix.toLowerCase()}%`))
    .execute();
  return new Set(rows.map((r) => r.username.toLowerCase()));
}

export async function insertExpertAccount(
  db: Db,
  row: {
    id: string;
    username: string;
    name: string;
    email: string;
    phone: string | null;
    org_id: string;
    now: Date;
  },
) {
  const { now, ...rest } = row;
  await db
    .insertInto('users')
    .values({
      ...rest,
      roles: ['expert'],
      password_hash: null,
      must_change_password: true,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export function orgsNamed(db: Db, names: readonly string[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('name', 'in', names.length ? [...names] : [''])
    .execute();
}
