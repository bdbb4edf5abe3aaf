import { sql, type Kysely } from 'kysely';

/** The __name__ module's tables (server/src/modules/__name__/__name__.tables.ts declares their types). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table __name___records (
      id text primary key,
      title text not null,
      summary text not null default '',
      amount_fen bigint,
      status text not null default 'draft',
      return_reason text,
      org_id text not null references orgs(id),
      created_by text not null references users(id),
      reviewed_by text references users(id),
      reviewed_at timestamptz,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index __name___records_org on __name___records (org_id, updated_at desc)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
