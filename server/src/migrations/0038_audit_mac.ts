import { sql, type Kysely } from 'kysely';

/**
 * Anchors the audit chain with a key held outside the database (issue 10, fix first 5): each row
 * written from now on carries HMAC-SHA256(key, previous mac + the row + its hash) and the id of the
 * key. Rows written before carry null in both: they are the unkeyed era, verified by SHA-256 only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log add column mac text, add column mac_key text`.execute(db);
  await sql`alter table audit_chain_head add column last_mac text`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
