import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Config } from './config.js';
import type { DB } from './db-types.js';

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'pg';
  /** Run raw SQL outside Kysely's builder (pg-boss, backups). Goes through the same connection queue. */
  close(): Promise<void>;
}

// int8 (counts, money in fen) fits in a JS number up to 9e15 fen; numeric stays a string.
pg.types.setTypeParser(20, (v) => Number(v));

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: string) {
    super(
      `数据目录 ${dir} 已被另一个进程 (pid ${pid}) 使用；嵌入式数据库同一时间只允许一个进程打开。\n` +
        `The data folder ${dir} is already open in another process (pid ${pid}); the embedded database allows one process at a time. ` +
        `Stop that process, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}

/** An exclusive lock on the PGlite folder: a pid file created with O_EXCL; a stale one (dead pid) is taken over. */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'transferone.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw e;
      const holder = fs.readFileSync(lockFile, 'utf8').trim();
      const pid = Number(holder);
      if (pid && pid !== process.pid && pidAlive(pid)) throw new DataDirLockedError(dir, holder);
      fs.unlinkSync(lockFile); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}

export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const parsers = { 20: (v: string) => Number(v) };
  return dataDir ? PGlite.create(path.join(dataDir, 'pgdata'), { parsers }) : PGlite.create({ parsers });
}

/**
 * Opens the database the config names: a PostgreSQL server when DATABASE_URL is set, otherwise
 * the embedded PGlite in DATA_DIR/pgdata (`memory` keeps it in memory, for tests).
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  opts: { memory?: boolean } = {},
): Promise<Database> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    // An idle client whose server connection ends (restart, failover, a dropped test database)
    // emits 'error' on the pool; without a listener that would crash the process.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    return { db, kind: 'pg', close: () => db.destroy() };
  }
  const release = opts.memory ? () => undefined : lockDataDir(config.dataDir);
  try {
    const client = await openPglite(opts.memory ? undefined : config.dataDir);
    const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy(); // the dialect's driver closes the PGlite client
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
