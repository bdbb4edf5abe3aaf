import { sql, type Kysely } from 'kysely';

/** Screening snapshots get an insertion order: "latest" must not depend on two equal timestamps. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table screening_snapshots add column seq bigserial`.execute(db);
  await sql`create index screening_snapshots_latest on screening_snapshots (application_id, seq desc)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
