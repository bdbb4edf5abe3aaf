import { sql, type Kysely } from 'kysely';
import type { DB } from '../db-types.js';
import type { JobQueue } from './queue.js';
import type { Config } from '../config.js';
import { activeAuditKeyring } from '../audit-key.js';
import { writeCheckpoint } from '../audit-checkpoint.js';
import { runScheduledBackup, type BackupDeps } from '../backup/scheduled.js';
import { runAuditArchive } from '../audit-archive.js';

export const PURGE_JOB = 'platform.purge-expired';
export const AUDIT_CHECKPOINT_JOB = 'platform.audit-checkpoint';
export const BACKUP_JOB = 'platform.backup';
export const AUDIT_ARCHIVE_JOB = 'platform.audit-archive';
/** Idempotency keys are kept this long: a client retrying later than this gets a fresh execution. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** Removes idempotency keys older than 24 h. Returns how many rows went. */
export async function purgeExpired(db: Kysely<DB>, now: Date): Promise<{ idempotencyKeys: number }> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000);
  const r = await sql`delete from idempotency_keys where created_at < ${cutoff}`.execute(db);
  return { idempotencyKeys: Number(r.numAffectedRows ?? 0) };
}

/**
 * The platform's own scheduled work (times in Asia/Shanghai): the hourly purge. The audit checkpoint every AUDIT_CHECKPOINT_MINUTES. The mail outbox
 * sweep is registered by the Mailer (`registerJobs`), the purge of expired sessions by the identity
 * module (`registerIdentityJobs`).
 */
export async function registerBuiltinJobs(
  jobs: JobQueue,
  db: Kysely<DB>,
  now: () => Date,
  config?: Pick<Config, 'audit'>,
  log: (line: string) => void = console.log,
): Promise<void> {
  await jobs.work(
    PURGE_JOB,
    async () => {
      await purgeExpired(db, now());
    },
    { retryLimit: 2, retryDelay: 60 },
  );
  await jobs.schedule(PURGE_JOB, '17 * * * *');
  if (config) {
    // Signed checkpoint of the audit chain head outside the database, every AUDIT_CHECKPOINT_MINUTES.
    const m = config.audit.checkpointMinutes;
    await jobs.work(AUDIT_CHECKPOINT_JOB, async () => {
      const keyring = activeAuditKeyring();
      if (keyring) await writeCheckpoint(db, keyring, config.audit.checkpointFile, now(), log);
    });
    await jobs.schedule(
      AUDIT_CHECKPOINT_JOB,
      m < 60 ? `*/${m} * * * *` : `0 */${Math.min(23, Math.round(m / 60))} * * *`,
    );
  }
}

/**
 * The scheduled backup's handler: one run (write, verify, rename, prune, audit); a failure is logged
 * as an error with its clear message and rethrown, so the job is failed (and dead-lettered after its
 * retry) and visible at GET /api/jobs/dead.
 */
export function backupJobHandler(
  deps: BackupDeps,
  cfg: Config['backup'],
  log: (level: 'info' | 'error', msg: string) => void,
): () => Promise<void> {
  return async () => {
    try {
      const r = await runScheduledBackup(deps, cfg);
      log(
        'info',
        JSON.stringify({
          msg: 'backup.written',
          name: r.name,
          bytes: r.bytes,
          rows: r.rows,
          files: r.files,
          deleted: r.deleted,
        }),
      );
    } catch (e) {
      log('error', (e as Error).message);
      throw e;
    }
  };
}

/** Registers the scheduled backup when BACKUP_CRON is set (off otherwise). Answers whether it did. */
export async function registerBackupJob(
  jobs: JobQueue,
  deps: BackupDeps,
  config: Pick<Config, 'backup'>,
  log: (level: 'info' | 'error', msg: string) => void,
): Promise<boolean> {
  if (!config.backup.cron) return false;
  // one attempt and one retry an hour later: a full disk rarely frees itself in seconds
  await jobs.work(BACKUP_JOB, backupJobHandler(deps, config.backup, log), {
    retryLimit: 1,
    retryDelay: 3600,
    retryBackoff: false,
    singletonKey: BACKUP_JOB,
  });
  await jobs.schedule(BACKUP_JOB, config.backup.cron);
  return true;
}

/**
 * The scheduled audit archive-and-prune's handler (platform/audit-archive.ts): one run with
 * AUDIT_RETENTION_DAYS, signed with the process's audit key; audited by the run itself (created,
 * empty or failed). A failure is logged as an error and rethrown, so the job fails visibly.
 */
export function auditArchiveJobHandler(
  db: Kysely<DB>,
  now: () => Date,
  audit: Pick<Config['audit'], 'retentionDays' | 'archiveDir'>,
  log: (level: 'info' | 'error', msg: string) => void,
): () => Promise<void> {
  return async () => {
    try {
      const r = await runAuditArchive(
        { db, keyring: activeAuditKeyring(), dir: audit.archiveDir, now },
        { retentionDays: audit.retentionDays },
      );
      log(
        'info',
        JSON.stringify({
          msg: 'audit.archived',
          rows: r.rows,
          firstSeq: r.firstSeq,
          lastSeq: r.lastSeq,
          file: r.file,
          sha256: r.sha256,
        }),
      );
    } catch (e) {
      log('error', (e as Error).message);
      throw e;
    }
  };
}

/** Registers the daily (AUDIT_ARCHIVE_CRON) archive-and-prune when set (off otherwise). Answers whether it did. */
export async function registerAuditArchiveJob(
  jobs: JobQueue,
  db: Kysely<DB>,
  now: () => Date,
  config: Pick<Config, 'audit'>,
  log: (level: 'info' | 'error', msg: string) => void,
): Promise<boolean> {
  if (!config.audit.archiveCron) return false;
  await jobs.work(AUDIT_ARCHIVE_JOB, auditArchiveJobHandler(db, now, config.audit, log), {
    retryLimit: 1,
    retryDelay: 3600,
    retryBackoff: false,
    singletonKey: AUDIT_ARCHIVE_JOB,
  });
  await jobs.schedule(AUDIT_ARCHIVE_JOB, config.audit.archiveCron);
  return true;
}
