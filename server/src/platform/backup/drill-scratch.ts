/** The drill's scratch copy: a fresh PGlite folder, or a new database on the PostgreSQL server. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../db.js';

export interface Scratch {
  database: Database;
  filesDir: string;
  /** the scratch AUDIT_ARCHIVE_DIR the backup's audit archives are restored into */
  archiveDir: string;
  drop(): Promise<void>;
}

export async function openScratch(databaseUrl: string | undefined, scratchRoot: string): Promise<Scratch> {
  const dir = await fs.promises.mkdtemp(path.join(scratchRoot, 'transferone-drill-'));
  const filesDir = path.join(dir, 'files');
  const archiveDir = path.join(dir, 'audit-archives');
  if (!databaseUrl) {
    const database = await openDatabase({ dataDir: path.join(dir, 'db') });
    return {
      database,
      filesDir,
      archiveDir,
      drop: async () => {
        await database.close();
        await fs.promises.rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `transferone_drill_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), dataDir: dir });
  return {
    database,
    filesDir,
    archiveDir,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
      await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}
