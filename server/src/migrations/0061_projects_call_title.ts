import { sql, type Kysely } from 'kysely';

/**
 * The call's title kept on the agreement (as the notice keeps its entries' names): the agreements
 * pages name the call to callers who may not read calls (finance, organisations).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table projects_agreements add column call_title text not null default ''`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
