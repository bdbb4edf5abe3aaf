import type { AppContext } from '../context.js';
import { LocalDiskStorage } from '../files/storage.js';
import { JobQueue } from './queue.js';
import { registerBuiltinJobs } from './builtin.js';
import { Mailer } from '../mail/mailer.js';
import { Notifier } from '../../modules/notifications/notifier.js';
import { registerIdentityJobs } from '../../modules/identity/identity.module.js';

export type ServiceLog = (level: 'info' | 'warn' | 'error', msg: string, err?: unknown) => void;

/**
 * Creates the platform services on the context (files, jobs, mail, notifications) and starts the
 * job queue when config.jobs is on. Returns what closes them, in order.
 */
export async function openPlatformServices(ctx: AppContext): Promise<() => Promise<void>> {
  const log: ServiceLog | undefined =
    ctx.config.logLevel === 'silent'
      ? undefined
      : (level, msg) =>
          (level === 'info' ? console.log : level === 'warn' ? console.warn : console.error)(msg);
  ctx.files = new LocalDiskStorage(ctx.config.filesDir);
  const jobs = new JobQueue(ctx.db, ctx.dbKind, { run: ctx.config.jobs, log });
  ctx.jobs = jobs;
  const mail = new Mailer(ctx.db, ctx.config, { jobs, log });
  ctx.mail = mail;
  ctx.notify = new Notifier(mail, ctx.config.baseUrl);
  if (ctx.config.jobs) {
    await mail.registerJobs(jobs);
    await registerBuiltinJobs(jobs, ctx.db, ctx.now);
    await registerIdentityJobs(ctx, jobs);
    await jobs.start();
  }
  return async () => {
    await jobs.stop();
    await mail.close();
  };
}
