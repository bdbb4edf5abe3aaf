import { sql, type Kysely } from 'kysely';

/** In-app notifications (站内通知): one row per recipient. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id text not null,
      kind text not null,
      title_zh text not null,
      title_en text not null,
      body text not null default '',
      link text,
      read_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index notifications_user on notifications (user_id, created_at desc)`.execute(db);
  await sql`create index notifications_unread on notifications (user_id) where read_at is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
