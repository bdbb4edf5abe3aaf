import { sql, type Kysely } from 'kysely';

/**
 * Programme III (issue 13): the agreement (任务书) of an awarded application and its disbursement
 * tranches (server/src/modules/projects/projects.tables.ts declares their types).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table projects_agreements (
      id text primary key,
      application_id text not null unique references applications(id),
      call_id text not null references calls(id),
      org_id text not null references orgs(id),
      lead_user_id text references users(id),
      project_title text not null,
      direction_code text not null,
      direction_title text not null,
      start_date date not null,
      end_date date not null,
      years int not null check (years between 1 and 3),
      grant_fen bigint not null check (grant_fen > 0),
      first_year_fen bigint not null check (first_year_fen >= 0),
      self_funding_fen bigint not null default 0,
      district_matching_fen bigint not null default 0,
      kpis jsonb not null,
      budget jsonb not null,
      milestones jsonb not null,
      schedule_source text not null,
      status text not null default 'draft',
      reopen_reason text,
      org_confirmed_by text,
      org_confirmed_at timestamptz,
      confirmed_by text,
      confirmed_at timestamptz,
      midterm_passed_at timestamptz,
      acceptance_passed_at timestamptz,
      extended_to date,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    )`.execute(db);
  await sql`create index projects_agreements_call on projects_agreements (call_id, direction_code)`.execute(
    db,
  );
  await sql`create index projects_agreements_org on projects_agreements (org_id)`.execute(db);
  await sql`
    create table projects_tranches (
      id text primary key,
      agreement_id text not null references projects_agreements(id),
      seq int not null,
      trigger text not null,
      percent int not null,
      amount_fen bigint not null check (amount_fen >= 0),
      status text not null default 'scheduled',
      requested_by text,
      requested_at timestamptz,
      request_note text,
      approved_by text,
      approved_at timestamptz,
      refuse_reason text,
      paid_on date,
      payment_ref text,
      paid_by text,
      paid_at timestamptz,
      updated_at timestamptz not null default now(),
      version int not null default 1,
      unique (agreement_id, seq)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
