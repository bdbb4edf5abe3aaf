import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { openDatabase, type Database } from './platform/db.js';
import { migrateToLatest } from './platform/migrate.js';
import {
  PLATFORM_ERRORS,
  assertErrorCodesRegistered,
  type CodeDef,
  type ErrorCode,
} from './platform/errors.js';
import { buildHttpApp, type LogStream } from './platform/http/app.js';
import { auditRoutes } from './modules/audit/index.js';
import { backupRoutes, systemRoutes } from './modules/system/index.js';
import {
  IDENTITY_ERRORS,
  createActorResolver,
  identityRoutes,
  registerIdentityJobs,
} from './modules/identity/index.js';
import { openPlatformServices } from './platform/jobs/platform-services.js';
import { filesRoutes, registerFilesJobs } from './modules/files/index.js';
import { Notifier, notificationsRoutes } from './modules/notifications/index.js';
import { jobsRoutes } from './modules/jobs/index.js';
import { marketRoutes } from './modules/market/index.js';
import { matchingModule } from './modules/matching/index.js';
import { expertsModule } from './modules/experts/index.js';
import { reviewModule } from './modules/review/index.js';
import { projectsModule } from './modules/projects/index.js';
import { APPLICATION_ERRORS, programmeRoutes } from './modules/applications/index.js';
import { CALL_ERRORS } from './modules/calls/index.js';
import { loadAuditKeyring, useAuditKeyring } from './platform/audit-key.js';
import { assertAuditAppendOnly } from './platform/audit.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(ROOT, 'dist/web');

/** The module route plugins, in registration order. A module adds itself here. */
const MODULES: Array<(app: FastifyInstance, ctx: AppContext) => Promise<void> | void> = [
  systemRoutes,
  backupRoutes,
  identityRoutes,
  auditRoutes,
  filesRoutes,
  notificationsRoutes,
  jobsRoutes,
  marketRoutes,
  matchingModule,
  expertsModule,
  reviewModule,
  projectsModule,
  programmeRoutes,
];

/**
 * Every error code's table. `satisfies` fails the typecheck when a module merges codes into
 * `ErrorCodes` whose table is missing here; buildApp refuses to start when one is not registered.
 */
export const ERROR_CODES = {
  ...PLATFORM_ERRORS,
  ...IDENTITY_ERRORS,
  ...CALL_ERRORS,
  ...APPLICATION_ERRORS,
} satisfies Record<ErrorCode, CodeDef>;

export interface Platform {
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
}

/** Opens the database, runs migrations, and makes the context every service gets. */
export async function openPlatform(
  config: Config = loadConfig(),
  opts: {
    memory?: boolean;
    now?: () => Date;
    log?: (m: string) => void;
    /** Make the audit key file when missing (default: unless in memory; the test harness: never). */
    createAuditKey?: boolean;
  } = {},
): Promise<Platform> {
  const database = await openDatabase(config, { memory: opts.memory });
  try {
    await migrateToLatest(database.db, opts.log);
  } catch (e) {
    await database.close();
    throw e;
  }
  useAuditKeyring(loadAuditKeyring(config, { create: opts.createAuditKey ?? !opts.memory }));
  if (config.securityProfile === 'mlps3') {
    // MLPS level 3 keeps the audit trail ≥ 180 days: nothing deletes audit rows, and the profile
    // does not start when the append-only triggers that guarantee it are gone or disabled.
    try {
      await assertAuditAppendOnly(database.db);
    } catch (e) {
      await database.close();
      throw e;
    }
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
    closers.push(
      await openPlatformServices(ctx, {
        notifier: (mail, c) => new Notifier(mail, c.config.baseUrl),
        jobs: [registerIdentityJobs, registerFilesJobs],
      }),
    );
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

export interface BuildAppOptions {
  logger?: boolean;
  web?: boolean;
  /** The built web client to serve at / (default dist/web). */
  webDir?: string;
  /** Where the log goes (default stdout); tests capture it to scan it. */
  logStream?: LogStream;
  /** Route plugins registered under /api after the modules' (tests: routes that fail on purpose). */
  extraModules?: Array<(app: FastifyInstance, ctx: AppContext) => Promise<void> | void>;
}

export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}) {
  assertErrorCodesRegistered(Object.keys(ERROR_CODES));
  return buildHttpApp(ctx, {
    resolveActor: createActorResolver(ctx),
    modules: [...MODULES, ...(opts.extraModules ?? [])],
    webDir: opts.web === false ? undefined : (opts.webDir ?? WEB_DIR),
    logger: opts.logger,
    logStream: opts.logStream,
  });
}
