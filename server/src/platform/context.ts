import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { DB } from './db-types.js';

/** What every service gets: configuration, the database, the clock. Platform services hang off it. */
export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  dbKind: 'pglite' | 'pg';
  /** Server time; tests replace it to judge deadlines at a chosen instant. */
  now: () => Date;
  /** Optional platform services, set by the composition root (server/src/app.ts). */
  services: Record<string, unknown>;
}
