import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { openDatabase, type Database } from './platform/db.js';
import { migrateToLatest } from './platform/migrate.js';
import { buildHttpApp } from './platform/http/app.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { createActorResolver, identityRoutes } from './modules/identity/identity.module.js';
import { openPlatformServices } from './platform/jobs/platform-services.js';
import { filesRoutes } from './modules/files/files.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { jobsRoutes } from './modules/jobs/jobs.routes.js';
import { marketRoutes } from './modules/market/market.module.js';
import { programmeRoutes } from './modules/applications/applications.module.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(ROOT, 'dist/web');

/** The module route plugins, in registration order. A module adds itself here. */
const MODULES: Array<(app: FastifyInstance, ctx: AppContext) => Promise<void> | void> = [
  systemRoutes,
  identityRoutes,
  auditRoutes,
  filesRoutes,
  notificationsRoutes,
  jobsRoutes,
  marketRoutes,
  programmeRoutes,
];

export interface Platform {
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
}

/** Opens the database, runs migrations, and makes the context every service gets. */
export async function openPlatform(
  config: Config = loadConfig(),
  opts: { memory?: boolean; now?: () => Date; log?: (m: string) => void } = {},
): Promise<Platform> {
  const database = await openDatabase(config, { memory: opts.memory });
  try {
    await migrateToLatest(database.db, opts.log);
  } catch (e) {
    await database.close();
    throw e;
  }
  const ctx: AppContext = {
    config,
    db: database.db,
    dbKind: database.kind,
    now: opts.now ?? (() => new Date()),
    services: {},
  };
  const closers: Array<() => Promise<void>> = [];
  try {
    closers.push(await openPlatformServices(ctx));
  } catch (e) {
    await database.close();
    throw e;
  }
  return {
    ctx,
    database,
    close: async () => {
      for (const c of closers.reverse()) await c();
      await database.close();
    },
  };
}

export async function buildApp(ctx: AppContext, opts: { logger?: boolean; web?: boolean } = {}) {
  return buildHttpApp(ctx, {
    resolveActor: createActorResolver(ctx),
    modules: MODULES,
    webDir: opts.web === false ? undefined : WEB_DIR,
    logger: opts.logger,
  });
}
