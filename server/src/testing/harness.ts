import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../platform/config.js';
import { buildApp, openPlatform, type Platform } from '../app.js';

/**
 * A fresh database per test file: in-memory PGlite by default, or a new database on the server
 * named by DATABASE_URL (created here, dropped at close).
 */
export interface TestEnv {
  platform: Platform;
  app: FastifyInstance;
  config: Config;
  /** Moves the server clock (deadline tests). */
  setNow(d: Date | null): void;
  close(): Promise<void>;
}

export async function createTestDatabaseUrl(): Promise<
  { url: string; drop: () => Promise<void> } | undefined
> {
  const base = process.env.DATABASE_URL;
  if (!base) return undefined;
  const name = `transferone_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const server = await createTestDatabaseUrl();
  const config = loadConfig(
    { ...process.env, DATABASE_URL: server?.url ?? '', JOBS: 'off', LOG_LEVEL: 'silent' },
    { dataDir: '/nonexistent', ...overrides },
  );
  let fixedNow: Date | null = null;
  const platform = await openPlatform(config, {
    memory: !server,
    now: () => fixedNow ?? new Date(),
    createAuditKey: false,
  });
  const app = await buildApp(platform.ctx, { logger: false, web: false });
  return {
    platform,
    app,
    config,
    setNow: (d) => {
      fixedNow = d;
    },
    close: async () => {
      await app.close();
      await platform.close();
      await server?.drop();
    },
  };
}
