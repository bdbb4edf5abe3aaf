import { sql, type Kysely } from 'kysely';

/**
 * A score sheet keeps the comment of each criterion (a low score must be explained, score-sheet.rules.ts)
 * beside the overall opinion (专家意见, `comment`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table review_scores add column comments jsonb not null default '{}'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
