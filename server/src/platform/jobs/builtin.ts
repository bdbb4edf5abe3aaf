import { sql, type Kysely } from 'kysely';
import type { DB } from '../db-types.js';
import type { JobQueue } from './queue.js';

export const PURGE_JOB = 'platform.purge-expired';
/** Idempotency keys are kept this long: a client retrying later than this gets a fresh execution. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** Removes idempotency keys older than 24 h. Returns how many rows went. */
export async function purgeExpired(db: Kysely<DB>, now: Date): Promise<{ idempotencyKeys: number }> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000);
  const r = await sql`delete from idempotency_keys where created_at < ${cutoff}`.execute(db);
  return { idempotencyKeys: Number(r.numAffectedRows ?? 0) };
}

/**
 * The platform's own scheduled work (times in Asia/Shanghai): the hourly purge. The mail outbox
 * sweep is registered by the Mailer (`registerJobs`), the purge of expired sessions by the identity
 * module (`registerIdentityJobs`).
 */
export async function registerBuiltinJobs(jobs: JobQueue, db: Kysely<DB>, now: () => Date): Promise<void> {
  await jobs.work(
    PURGE_JOB,
    async () => {
      await purgeExpired(db, now());
    },
    { retryLimit: 2, retryDelay: 60 },
  );
  await jobs.schedule(PURGE_JOB, '17 * * * *');
}
