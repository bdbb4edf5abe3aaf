import { sql, type Kysely } from 'kysely';

/**
 * Change requests of a signed agreement (变更 / 延期, issue 13) and the agreement's versions: every
 * change to an agreement keeps the agreement as it was before, with who changed it and why.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table projects_changes (
      id text primary key,
      agreement_id text not null references projects_agreements(id),
      kind text not null,
      reason text not null,
      payload jsonb not null,
      status text not null default 'submitted',
      requested_by text not null,
      requested_at timestamptz not null,
      decided_by text,
      decided_at timestamptz,
      decision_reason text,
      version int not null default 1
    )`.execute(db);
  await sql`create index projects_changes_agreement on projects_changes (agreement_id, requested_at)`.execute(
    db,
  );
  await sql`
    create table projects_agreement_versions (
      agreement_id text not null references projects_agreements(id),
      version int not null,
      snapshot jsonb not null,
      cause text not null,
      changed_by text not null,
      changed_at timestamptz not null,
      primary key (agreement_id, version)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
