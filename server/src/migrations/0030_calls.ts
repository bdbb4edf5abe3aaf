import { sql, type Kysely } from 'kysely';

/**
 * Calls (申报指南). The whole guide is one jsonb document (`content`, validated by CallSchema on
 * import and on publish; a draft may be incomplete); the columns copy what lists and the deadline
 * need. `receipt_seq` numbers the receipts of the call (SQ-<year>-000001 …): incremented under the
 * row lock inside the submit transaction, so numbers are gap-free and never repeat.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table calls (
      id text primary key,
      year int,
      number text,
      title text,
      status text not null default 'draft' check (status in ('draft','published','closed')),
      content jsonb not null,
      opens_at timestamptz,
      closes_at timestamptz,
      receipt_seq int not null default 0,
      version int not null default 1,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      published_at timestamptz,
      closed_at timestamptz
    )`.execute(db);
  await sql`create unique index calls_number on calls (number) where number is not null`.execute(db);
  await sql`create index calls_status on calls (status, closes_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
