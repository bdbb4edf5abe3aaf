import { sql, type Kysely } from 'kysely';

/**
 * Notifications keep their text in both languages (issue 11): `body` is the Chinese text, `body_en`
 * the English one, and the reader's language picks. Rows written before have no English body (null):
 * they show the Chinese text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table notifications add column body_en text`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
