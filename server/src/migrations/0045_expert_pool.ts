import { sql, type Kysely } from 'kysely';

/**
 * The expert pool (专家库, issue 12): what programme review needs of an expert beside their fields —
 * organisation (its name, and the platform organisation when there is one), title (职称), contact for
 * the programme office, availability windows (Asia/Shanghai dates), the maximum number of reviews per
 * round and whether the expert is in the pool at all. Existing profiles stay valid: every column has a
 * default (no organisation, no contact, always available, 10 per round, active).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table market_expert_profiles
      add column org_name text not null default '',
      add column org_id text references orgs(id),
      add column title text not null default '',
      add column contact_phone text,
      add column contact_email text,
      add column availability jsonb not null default '[]',
      add column max_load_per_round int not null default 10 check (max_load_per_round between 1 and 100),
      add column active boolean not null default true,
      add column source text not null default 'profile' check (source in ('profile', 'import', 'staff', 'demo'))`.execute(
    db,
  );
  await sql`create index market_expert_profiles_fields on market_expert_profiles using gin (fields)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
