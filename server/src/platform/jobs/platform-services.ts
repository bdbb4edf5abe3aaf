import { scrubText } from '../mask.js';
import type { AppContext } from '../context.js';
import { LocalDiskStorage } from '../files/storage.js';
import { JobQueue } from './queue.js';
import { registerAuditArchiveJob, registerBackupJob, registerBuiltinJobs } from './builtin.js';
import { Mailer } from '../mail/mailer.js';
import type { NotificationSender } from '../notify.js';

export type ServiceLog = (level: 'info' | 'warn' | 'error', msg: string, err?: unknown) => void;

/**
 * The services' log (jobs, mail, backups) writes to the console, not through the request logger, so
 * its lines are scrubbed here like the logger's free text (mask.ts scrubText): a job's or an SMTP
 * server's error message may repeat an ID number, a phone or an address (issue 10, fix 1).
 */
export const consoleServiceLog: ServiceLog = (level, msg) =>
  (level === 'info' ? console.log : level === 'warn' ? console.warn : console.error)(scrubText(msg));

/** What modules plug into the platform services; the composition root (server/src/app.ts) passes them. */
export interface ServicePlugins {
  /** Makes `ctx.notify` (the notifications module's Notifier). */
  notifier?: (mail: Mailer, ctx: AppContext) => NotificationSender;
  /** Registers a module's job handlers before the queue starts (when config.jobs). */
  jobs?: Array<(ctx: AppContext, jobs: JobQueue) => Promise<void>>;
}

/**
 * Creates the platform services on the context (files, jobs, mail, notifications) and starts the
 * job queue when config.jobs is on. Returns what closes them, in order.
 */
export async function openPlatformServices(
  ctx: AppContext,
  plugins: ServicePlugins = {},
): Promise<() => Promise<void>> {
  const log: ServiceLog | undefined = ctx.config.logLevel === 'silent' ? undefined : consoleServiceLog;
  ctx.files = new LocalDiskStorage(ctx.config.filesDir);
  const jobs = new JobQueue(ctx.db, ctx.dbKind, { run: ctx.config.jobs, log });
  ctx.jobs = jobs;
  const mail = new Mailer(ctx.db, ctx.config, { jobs, log });
  ctx.mail = mail;
  if (plugins.notifier) ctx.notify = plugins.notifier(mail, ctx);
  if (ctx.config.jobs) {
    await mail.registerJobs(jobs);
    await registerBuiltinJobs(jobs, ctx.db, ctx.now, ctx.config, (line) => log?.('info', line));
    await registerBackupJob(
      jobs,
      {
        db: ctx.db,
        engine: ctx.dbKind,
        filesDir: ctx.config.filesDir,
        auditArchiveDir: ctx.config.audit.archiveDir,
        now: ctx.now,
      },
      ctx.config,
      (level, msg) => log?.(level, msg),
    );
    await registerAuditArchiveJob(jobs, ctx.db, ctx.now, ctx.config, (level, msg) => log?.(level, msg));
    for (const register of plugins.jobs ?? []) await register(ctx, jobs);
    await jobs.start();
  }
  return async () => {
    await jobs.stop();
    await mail.close();
  };
}
