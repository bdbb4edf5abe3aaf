import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { DB } from './db-types.js';
import type { FileStorage } from './files/storage.js';
import type { JobQueue } from './jobs/queue.js';
import type { Mailer } from './mail/mailer.js';
import type { NotificationSender } from './notify.js';

/** What every service gets: configuration, the database, the clock. Platform services hang off it. */
export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  dbKind: 'pglite' | 'pg';
  /** Server time; tests replace it to judge deadlines at a chosen instant. */
  now: () => Date;
  /** Optional platform services, set by the composition root (server/src/app.ts). */
  services: Record<string, unknown>;
  /** Content-addressed file storage (FILES_DIR). */
  files?: FileStorage;
  /** Background jobs (pg-boss); runs workers only when config.jobs. */
  jobs?: JobQueue;
  /** Outgoing mail through the outbox. */
  mail?: Mailer;
  /** In-app notifications (and their e-mails). */
  notify?: NotificationSender;
}
