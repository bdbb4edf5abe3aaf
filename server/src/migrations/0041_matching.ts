import { sql, type Kysely } from 'kysely';

/**
 * Search and matching (issue 4): the staff-extendable domain dictionary (loaded into jieba on top of
 * the built-in terms) and experts' fields, which the matcher indexes beside achievements and needs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table market_dictionary_terms (
      term text primary key,
      note text,
      created_by text references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table market_expert_profiles (
      user_id text primary key references users(id),
      fields text[] not null default '{}',
      keywords text[] not null default '{}',
      bio text not null default '',
      version int not null default 1,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
