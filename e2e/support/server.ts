import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../server/src/platform/config.js';
import { buildApp, openPlatform } from '../../server/src/app.js';
import { createTestDatabaseUrl, type TestEnv } from '../../server/src/testing/harness.js';

export interface RunningServer {
  env: TestEnv;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real server with the built web client, on a random port: a fresh in-memory PGlite, or a new
 * database on the server named by DATABASE_URL. `env` works with the test factories. With `smtpPort`
 * the mail goes to that SMTP sink (startSmtpSink), sent when a test flushes the outbox.
 */
export async function startServer(opts: { smtpPort?: number } = {}): Promise<RunningServer> {
  const server = await createTestDatabaseUrl();
  const config = loadConfig(
    {
      ...process.env,
      DATABASE_URL: server?.url ?? '',
      JOBS: 'off',
      LOG_LEVEL: 'silent',
      COOKIE_SECURE: 'false',
      ...(opts.smtpPort ? { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(opts.smtpPort) } : {}),
    },
    { dataDir: '/nonexistent' },
  );
  let fixedNow: Date | null = null;
  const platform = await openPlatform(config, { memory: !server, now: () => fixedNow ?? new Date() });
  const app = await buildApp(platform.ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const close = async () => {
    await app.close();
    await platform.close();
    await server?.drop();
  };
  const env: TestEnv = {
    platform,
    app,
    config,
    setNow: (d) => {
      fixedNow = d;
    },
    close,
  };
  return { env, baseUrl, close };
}
