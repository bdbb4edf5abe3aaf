import { sql, type Kysely } from 'kysely';

/**
 * Historical calls imported for the record (issue 8 §6): a call entered with its real past dates,
 * closed, with its applications, screening results and outcomes. `imported_at` marks the call (and
 * `imported` its applications) read-only; `application_outcomes` keeps the recorded outcome
 * (screening result, awarded or not, the grant) of an imported application; its screening snapshot
 * has source 'import'.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table calls add column imported_at timestamptz, add column imported_by text,
    add column import_source text`.execute(db);
  await sql`alter table applications add column imported boolean not null default false`.execute(db);
  await sql`
    create table application_outcomes (
      application_id text primary key references applications(id) on delete cascade,
      screening_result text not null check (screening_result in ('pass','fail')),
      screening_note text,
      awarded boolean not null,
      granted_fen bigint check (granted_fen is null or granted_fen >= 0),
      recorded_by text not null,
      recorded_at timestamptz not null,
      check (not awarded or screening_result = 'pass')
    )`.execute(db);
  await sql`alter table screening_snapshots drop constraint screening_snapshots_source_check`.execute(db);
  await sql`alter table screening_snapshots add constraint screening_snapshots_source_check
    check (source in ('submission','run','import'))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
