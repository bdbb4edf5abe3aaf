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

/** The newest `limit` hashes of a user's replaced passwords. */
export async function recentPasswordHashes(db: Db, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('user_password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('replaced_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}

/** Keeps a replaced password's hash; only the newest `keep` stay. */
export async function pushPasswordHistory(db: Db, userId: string, hash: string, at: Date, keep: number) {
  await db
    .insertInto('user_password_history')
    .values({ user_id: userId, password_hash: hash, replaced_at: at })
    .execute();
  const kept = db
    .selectFrom('user_password_history')
    .select('replaced_at')
    .where('user_id', '=', userId)
    .orderBy('replaced_at', 'desc')
    .limit(1)
    .offset(keep - 1);
  await db
    .deleteFrom('user_password_history')
    .where('user_id', '=', userId)
    .where('replaced_at', '<', kept)
    .execute();
}

/** A user's sessions, oldest first (the concurrent-session limit ends the oldest). */
export function listUserSessions(db: Db, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id_hash', 'created_at', 'ip'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'asc')
    .orderBy('id_hash', 'asc')
    .execute();
}

export async function deleteSessions(db: Db, idHashes: string[]) {
  if (idHashes.length) await db.deleteFrom('sessions').where('id_hash', 'in', idHashes).execute();
}

/** A sign-in: the last one becomes the previous one (shown in /api/auth/me), this one the last. */
export async function recordSignIn(db: Db, userId: string, at: Date, ip: string | null) {
  await db
    .updateTable('users')
    .set((eb) => ({
      previous_sign_in_at: eb.ref('last_sign_in_at'),
      previous_sign_in_ip: eb.ref('last_sign_in_ip'),
      last_sign_in_at: at,
      last_sign_in_ip: ip,
    }))
    .where('id', '=', userId)
    .execute();
}
