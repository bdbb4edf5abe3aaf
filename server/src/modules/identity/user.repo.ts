import { sql } from 'kysely';
import type { Db } from './identity.repo.js';
import type { UserQuery } from './user.schema.js';

const like = (s: string) => `%${s.replace(/[%_\\]/g, (m) => '\\' + m)}%`;

const cols = [
  'users.id',
  'users.username',
  'users.name',
  'users.email',
  'users.phone',
  'users.id_number',
  'users.org_id',
  'users.roles',
  'users.status',
  'users.locked_until',
  'users.totp_enabled',
  'users.ywtb_subject',
  'users.version',
  'users.created_at',
  'users.updated_at',
  'orgs.name as org_name',
  'orgs.type as org_type',
] as const;

export async function listUsers(db: Db, q: UserQuery & { scopeOrgId?: string }) {
  let base = db.selectFrom('users').innerJoin('orgs', 'orgs.id', 'users.org_id');
  if (q.scopeOrgId) base = base.where('users.org_id', '=', q.scopeOrgId);
  if (q.orgId) base = base.where('users.org_id', '=', q.orgId);
  if (q.role) base = base.where(sql<boolean>`${q.role} = any(users.roles)`);
  if (q.status) base = base.where('users.status', '=', q.status);
  if (q.q) {
    const l = like(q.q);
    base = base.where((eb) =>
      eb.or([eb('users.username', 'ilike', l), eb('users.name', 'ilike', l), eb('users.email', 'ilike', l)]),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const items = await base
    .select(cols)
    .orderBy('users.username')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(total?.n ?? 0), items };
}

export function findUserView(db: Db, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(cols)
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export type UserView = NonNullable<Awaited<ReturnType<typeof findUserView>>>;

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const r = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return !!r;
}

/** The stored (normalised, unmasked) ID number of a user: for server-side matching only. */
export async function findIdNumber(db: Db, userId: string): Promise<string | null> {
  const r = await db.selectFrom('users').select('id_number').where('id', '=', userId).executeTakeFirst();
  return r?.id_number ?? null;
}
