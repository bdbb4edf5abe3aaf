import { sql, type Kysely } from 'kysely';

/**
 * Applications (项目申报) and everything hanging off them. The draft is one jsonb document
 * (`content`) saved whole at every save, with a version row per save (nothing typed is lost).
 * One application per organisation per call year: a unique index backs the screening rule.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table applications (
      id text primary key,
      call_id text not null references calls(id),
      call_year int not null,
      direction_code text not null,
      org_id text not null references orgs(id),
      lead_user_id text references users(id),
      created_by text not null,
      status text not null default 'draft' check (status in
        ('draft','orgReview','districtReview','approved','returned','submitted','awarded')),
      content jsonb not null default '{}'::jsonb,
      version int not null default 1,
      returned_by_stage text check (returned_by_stage in ('org','district')),
      return_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      submitted_at timestamptz
    )`.execute(db);
  await sql`create unique index applications_org_year on applications (org_id, call_year)`.execute(db);
  await sql`create index applications_call on applications (call_id, status, direction_code)`.execute(db);
  await sql`create index applications_lead on applications (lead_user_id, status)`.execute(db);

  await sql`
    create table application_versions (
      application_id text not null references applications(id) on delete cascade,
      version int not null,
      content jsonb not null,
      saved_by text not null,
      saved_at timestamptz not null,
      finding_count int not null default 0,
      primary key (application_id, version)
    )`.execute(db);

  await sql`
    create table application_attachments (
      id text primary key,
      application_id text not null references applications(id) on delete cascade,
      type text not null,
      file_id text not null,
      name text not null,
      size bigint not null,
      sha256 text not null,
      created_by text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index application_attachments_app on application_attachments (application_id)`.execute(db);
  await sql`create index application_attachments_file on application_attachments (file_id)`.execute(db);

  await sql`
    create table application_reviews (
      id text primary key,
      application_id text not null references applications(id) on delete cascade,
      stage text not null check (stage in ('org','district')),
      decision text not null check (decision in ('approve','return')),
      reason text,
      commitment_fen bigint,
      opinion text,
      actor_id text not null,
      actor_org_id text not null,
      at timestamptz not null
    )`.execute(db);
  await sql`create index application_reviews_app on application_reviews (application_id, at)`.execute(db);

  await sql`
    create table application_receipts (
      application_id text primary key references applications(id),
      call_id text not null references calls(id),
      seq int not null,
      number text not null unique,
      submitted_at timestamptz not null,
      package_sha256 text not null,
      package jsonb not null,
      unique (call_id, seq)
    )`.execute(db);

  await sql`
    create table screening_runs (
      id text primary key,
      call_id text not null references calls(id),
      status text not null check (status in ('running','done','failed')),
      total int not null default 0,
      done int not null default 0,
      summary jsonb,
      error text,
      started_by text not null,
      started_at timestamptz not null,
      finished_at timestamptz
    )`.execute(db);

  await sql`
    create table screening_snapshots (
      id text primary key,
      application_id text not null references applications(id) on delete cascade,
      call_id text not null references calls(id),
      source text not null check (source in ('submission','run')),
      run_id text references screening_runs(id),
      overall text not null check (overall in ('pass','fail','incomplete')),
      result jsonb not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index screening_snapshots_app on screening_snapshots (application_id, created_at desc)`.execute(
    db,
  );

  await sql`
    create table screening_decisions (
      id text primary key,
      application_id text not null references applications(id) on delete cascade,
      rule_id text not null,
      action text not null check (action in ('confirm','override')),
      verdict text not null check (verdict in ('pass','fail')),
      reason text not null,
      actor_id text not null,
      at timestamptz not null
    )`.execute(db);
  await sql`create index screening_decisions_app on screening_decisions (application_id, rule_id, at desc)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
