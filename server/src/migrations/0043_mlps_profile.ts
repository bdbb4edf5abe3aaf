import { sql, type Kysely } from 'kysely';

/**
 * The MLPS level-3 profile (SECURITY_PROFILE=mlps3, docs/SECURITY.md): the hashes of a user's
 * earlier passwords (the last five may not be reused), and the previous sign-in's time and address
 * that /api/auth/me shows (GB/T 22239-2019 8.1.4.1 identification).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table user_password_history (
      user_id text not null references users(id) on delete cascade,
      password_hash text not null,
      replaced_at timestamptz not null
    )`.execute(db);
  await sql`create index user_password_history_user on user_password_history (user_id, replaced_at desc)`.execute(
    db,
  );
  await sql`alter table users add column last_sign_in_at timestamptz`.execute(db);
  await sql`alter table users add column last_sign_in_ip text`.execute(db);
  await sql`alter table users add column previous_sign_in_at timestamptz`.execute(db);
  await sql`alter table users add column previous_sign_in_ip text`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
