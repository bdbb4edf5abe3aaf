import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import './identity.tables.js';
import type { PasswordResetTable, SessionTable, UserTable } from './identity.tables.js';

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

/** The back-off row for a typed account name from one address, if any. */
export function findBackoff(db: Db, accountKey: string, ip: string) {
  return db
    .selectFrom('login_backoffs')
    .selectAll()
    .where('account_key', '=', accountKey)
    .where('ip', '=', ip)
    .executeTakeFirst();
}

/**
 * Counts one failure for (accountKey, ip) and returns the count in a row; a row quiet since
 * `forgetBefore` starts again at 1. Rows quiet since then are pruned.
 */
export async function bumpBackoff(
  db: Db,
  accountKey: string,
  ip: string,
  now: Date,
  forgetBefore: Date,
): Promise<number> {
  const r = await db
    .insertInto('login_backoffs')
    .values({ account_key: accountKey, ip, failures: 1, last_failure_at: now, blocked_until: null })
    .onConflict((oc) =>
      oc.columns(['account_key', 'ip']).doUpdateSet({
        failures: sql<number>`case when login_backoffs.last_failure_at < ${forgetBefore}
          then 1 else login_backoffs.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('login_backoffs').where('last_failure_at', '<', forgetBefore).execute();
  return Number(r.failures);
}

export async function setBackoffUntil(db: Db, accountKey: string, ip: string, until: Date) {
  await db
    .updateTable('login_backoffs')
    .set({ blocked_until: until })
    .where('account_key', '=', accountKey)
    .where('ip', '=', ip)
    .execute();
}

/** Clears the back-off of one name from one address (a success), or from every address (a reset). */
export async function clearBackoff(db: Db, accountKeys: string[], ip?: string) {
  if (!accountKeys.length) return;
  let q = db.deleteFrom('login_backoffs').where('account_key', 'in', accountKeys);
  if (ip !== undefined) q = q.where('ip', '=', ip);
  await q.execute();
}

/** Active users whose user name or e-mail is `key` (lower case), for 忘记密码. */
export function findActiveUsersByAccount(db: Db, key: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([eb(eb.fn('lower', ['username']), '=', key), eb(eb.fn('lower', ['email']), '=', key)]),
    )
    .orderBy('id')
    .limit(5)
    .execute();
}

export async function insertPasswordReset(db: Db, row: Insertable<PasswordResetTable>) {
  await db.insertInto('password_resets').values(row).execute();
}

export async function countPasswordResets(db: Db, userId: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export function findPasswordReset(db: Db, tokenHash: string, forUpdate = false) {
  let q = db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Marks every unused link of the user used: one reset spends them all. */
export async function spendPasswordResets(db: Db, userId: string, at: Date) {
  await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

export async function recordResetRequest(
  db: Db,
  row: { ip: string; account_key: string; at: Date },
  pruneBefore: Date,
) {
  await db.insertInto('password_reset_requests').values(row).execute();
  await db.deleteFrom('password_reset_requests').where('at', '<', pruneBefore).execute();
  await db.deleteFrom('password_resets').where('expires_at', '<', pruneBefore).execute();
}

/** Reset requests since `since` from `ip` or for `accountKey`, with the oldest of each. */
export async function resetRequestCounts(db: Db, ip: string, accountKey: string, since: Date) {
  const one = async (col: 'ip' | 'account_key', v: string) => {
    const r = await db
      .selectFrom('password_reset_requests')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
      .where(col, '=', v)
      .where('at', '>', since)
      .executeTakeFirst();
    return { n: Number(r?.n ?? 0), oldest: r?.oldest ? new Date(r.oldest as any) : null };
  };
  return { ip: await one('ip', ip), account: await one('account_key', accountKey) };
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

/**
 * Replaces a user's password: the old hash joins the history (kept to `keep`), the new one is set
 * with its time. The one write path of a change, an admin reset and a 忘记密码 reset; `set` adds
 * what the path also changes (must_change_password, the failure count).
 */
export async function replacePassword(
  db: Db,
  user: { id: string; password_hash: string | null },
  newHash: string,
  at: Date,
  keep: number,
  set: Updateable<UserTable> = {},
) {
  if (user.password_hash) await pushPasswordHistory(db, user.id, user.password_hash, at, keep);
  await updateUser(db, user.id, { ...set, password_hash: newHash, password_changed_at: at, updated_at: at });
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
