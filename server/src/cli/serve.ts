import type { FastifyInstance } from 'fastify';
import { buildApp, openPlatform, type Platform } from '../app.js';
import type { Config } from '../platform/config.js';
import type { LogStream } from '../platform/http/app.js';
import { DataDirLockedError } from '../platform/db.js';
import { CliError, describeTarget, say } from './shared.js';

export interface Served {
  platform: Platform;
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/** Opens (and migrates) the database, builds the app with the web client and listens. */
export async function startServer(
  config: Config,
  opts: { web?: boolean; onOpen?: (p: Platform) => Promise<void>; logStream?: LogStream } = {},
): Promise<Served> {
  let platform: Platform;
  try {
    platform = await openPlatform(config, { log: (m) => process.stdout.write(`迁移 / ${m}\n`) });
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new CliError(e.message, 3);
    throw e;
  }
  let app: FastifyInstance | undefined;
  try {
    // temp files of puts a crash interrupted (older than the sweep's grace period: none in flight)
    const tmp = await platform.ctx.files?.sweepTemp(Date.now() - config.filesSweepGraceMs);
    if (tmp?.files)
      say(
        `已清理 ${tmp.files} 个中断上传留下的临时文件（${tmp.bytes} 字节）`,
        `Removed ${tmp.files} temp file(s) left by interrupted uploads (${tmp.bytes} bytes)`,
      );
    await opts.onOpen?.(platform);
    app = await buildApp(platform.ctx, { web: opts.web !== false, logStream: opts.logStream });
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await app?.close().catch(() => undefined);
    await platform.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://localhost:${port}`;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app!.close();
      await platform.close(); // closes the database and releases the PGlite folder lock
    })());
  return { platform, app, url, stop };
}

/** Stops the server cleanly on SIGINT / SIGTERM; resolves when it has stopped. */
export function waitForShutdown(served: Served): Promise<number> {
  return new Promise((resolve) => {
    const onSignal = (sig: NodeJS.Signals) => {
      say(`收到 ${sig}，正在关闭…`, `${sig} received, shutting down…`);
      served.stop().then(
        () => {
          say('已关闭。', 'Stopped.');
          resolve(0);
        },
        (e) => {
          process.stderr.write(`关闭出错 / Error while stopping: ${(e as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

export async function serveCommand(config: Config, opts: { web?: boolean } = {}): Promise<number> {
  const served = await startServer(config, opts);
  say(
    `科转通已启动：${served.url}（数据库：${describeTarget(config)}）`,
    `TransferOne is listening on ${served.url} (database: ${describeTarget(config)})`,
  );
  return waitForShutdown(served);
}
