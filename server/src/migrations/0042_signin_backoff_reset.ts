import { sql, type Kysely } from 'kysely';

/**
 * Sign-in without a lock anyone can trigger (issue 10 §8, issue 11 "a way in"): a progressive back-off
 * per typed account name + IP address instead of the per-account lock, and 忘记密码 (single-use,
 * expiring reset links whose tokens are stored hashed, with the requests kept for throttling).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table login_backoffs (
      account_key text not null,
      ip text not null,
      failures int not null,
      blocked_until timestamptz,
      last_failure_at timestamptz not null,
      primary key (account_key, ip)
    )`.execute(db);
  await sql`create index login_backoffs_last on login_backoffs (last_failure_at)`.execute(db);
  await sql`
    create table password_resets (
      token_hash text primary key,
      user_id text not null references users(id),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      ip text
    )`.execute(db);
  await sql`create index password_resets_user on password_resets (user_id, created_at)`.execute(db);
  await sql`
    create table password_reset_requests (
      ip text not null,
      account_key text not null,
      at timestamptz not null
    )`.execute(db);
  await sql`create index password_reset_requests_ip on password_reset_requests (ip, at)`.execute(db);
  await sql`create index password_reset_requests_account on password_reset_requests (account_key, at)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
