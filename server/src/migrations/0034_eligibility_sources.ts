import { sql, type Kysely } from 'kysely';

/**
 * Issue 8, items 2 and 4.
 * - "One application per organisation per year" is call data (a screening rule counting submitted
 *   applications), not a unique index: a programme whose rules do not say so, or a second call of the
 *   same year, must accept a second application of the same organisation.
 * - Ongoing commission projects (在研项目) imported from the commission's project registry, keyed by the
 *   project lead's ID number (身份证号, stored normalised as the identity module stores it, shown masked)
 *   and the organisation's USCC. Owned by the applications (programme) module; read by the
 *   "lead's ongoing projects" rule (guide 2023 §二.7).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists applications_org_year`.execute(db);
  await sql`create index applications_org_year_status on applications (org_id, call_year, status)`.execute(
    db,
  );

  await sql`
    create table ongoing_projects (
      id text primary key,
      project_number text not null unique,
      title text not null,
      programme text,
      lead_name text not null,
      lead_id_number text not null,
      org_uscc text not null,
      org_name text,
      starts_on date,
      ends_on date,
      status text not null default 'ongoing' check (status in ('ongoing','closed')),
      source_file text not null,
      imported_by text not null,
      imported_at timestamptz not null,
      version int not null default 1
    )`.execute(db);
  await sql`create index ongoing_projects_lead on ongoing_projects (lead_id_number, status)`.execute(db);
  await sql`create index ongoing_projects_org on ongoing_projects (org_uscc)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
