import type { Kysely } from 'kysely';
import type { DB } from './db-types.js';

/** One in-app notification (站内通知), as a module asks for it. */
export interface NotificationInput {
  /** What happened, `resource.event`, e.g. `application.returned`. */
  kind: string;
  titleZh: string;
  titleEn: string;
  /** the text in Chinese */
  body: string;
  /** the text in English (the reader's language picks; without it every reader sees `body`) */
  bodyEn?: string;
  /** Path in the web client, e.g. `/applications/123`. */
  link?: string;
  /** Also send an e-mail (through the outbox). */
  email?: boolean;
}

/**
 * What the platform offers modules as `ctx.notify`; the notifications module implements it and the
 * composition root (server/src/app.ts) plugs it in, so platform/ imports no module.
 */
export interface NotificationSender {
  /** Writes in the caller's transaction; returns the new notifications' ids. */
  notify(trx: Kysely<DB>, userIds: string[], n: NotificationInput): Promise<string[]>;
}
