import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './identity.tables.js';
import type { SessionTable, UserTable } from './identity.tables.js';

/** Users and sessions: all SQL for sign-in lives here (orgs in org.repo.ts, lists in user.repo.ts). */
export type Db = Kysely<DB>;

export function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.trim().toLowerCase()))
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('users').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findUserWithOrg(db: Db, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .selectAll('users')
    .select(['orgs.name as org_name', 'orgs.type as org_type'])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export async function updateUser(db: Db, id: string, set: Updateable<UserTable>) {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function insertSession(db: Db, s: Insertable<SessionTable>) {
  await db.insertInto('sessions').values(s).execute();
}

export function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.user_id',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.authenticated_at',
      'sessions.mfa_verified',
      'users.org_id',
      'users.name',
      'users.roles',
      'users.status',
      'users.totp_enabled',
      'users.must_change_password',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function updateSession(db: Db, idHash: string, set: Updateable<SessionTable>) {
  await db.updateTable('sessions').set(set).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Ends every session of a user, except the one named (password change keeps the current one). */
/** Deletes sessions past their absolute or idle limit; returns how many went. */
export async function deleteExpiredSessions(db: Db, createdBefore: Date, seenBefore: Date): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('created_at', '<', createdBefore), eb('last_seen_at', '<', seenBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteUserSessions(db: Db, userId: string, exceptIdHash?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '<>', exceptIdHash);
  await q.execute();
}

export async function countIpFailures(db: Db, ip: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('login_ip_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The oldest failure from `ip` after `since`: when it leaves the window, one more attempt is allowed. */
export async function oldestIpFailure(db: Db, ip: string, since: Date): Promise<Date | null> {
  const r = await db
    .selectFrom('login_ip_failures')
    .select((eb) => eb.fn.min('at').as('at'))
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirst();
  return r?.at ? new Date(r.at as any) : null;
}

export async function recordIpFailure(db: Db, ip: string, at: Date, pruneBefore: Date) {
  await db.insertInto('login_ip_failures').values({ ip, at }).execute();
  await db.deleteFrom('login_ip_failures').where('at', '<', pruneBefore).execute();
}
