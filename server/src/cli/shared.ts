import { loadConfig, type Config } from '../platform/config.js';
import { DataDirLockedError, openDatabase, type Database } from '../platform/db.js';
import { loadAuditKeyring, useAuditKeyring } from '../platform/audit-key.js';

/** A message the CLI shows and the exit code it ends with (no stack trace for expected failures). */
export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function cliConfig(): Config {
  return loadConfig(process.env);
}

export const say = (zh: string, en: string) => process.stdout.write(`${zh}\n${en}\n`);
export const warn = (zh: string, en: string) => process.stderr.write(`${zh}\n${en}\n`);

/** Opens the configured database as its owner (not the app role), for maintenance commands. */
export async function openForCli(config: Config): Promise<Database> {
  try {
    useAuditKeyring(loadAuditKeyring(config, { create: true }));
    return await openDatabase(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new CliError(e.message, 3);
    throw e;
  }
}

export function describeTarget(config: Config): string {
  if (config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    u.password = u.password ? '***' : '';
    return `PostgreSQL ${u.toString()}`;
  }
  return `PGlite ${config.dataDir}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
