import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const BACKUP_FORMAT = 'transferone-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST = 'manifest.json';
/** SHA-256 of manifest.json, so a changed manifest is caught too. */
export const MANIFEST_SUM = 'manifest.sha256';

export interface ManifestFile {
  /** Path inside the backup, '/'-separated: `db/0001_audit_log.jsonl`, `files/ab/cd…`. */
  path: string;
  size: number;
  sha256: string;
}

export interface ManifestTable {
  name: string;
  file: string;
  rows: number;
  columns: string[];
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Engine the backup was taken from; the format does not depend on it. */
  sourceEngine: 'pglite' | 'pg';
  migrations: string[];
  /** Tables in dependency order (parents first). */
  tables: ManifestTable[];
  sequences: Array<{ name: string; lastValue: number; isCalled: boolean }>;
  auditRows: number;
  auditHeadHash: string | null;
  files: ManifestFile[];
}

export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Every regular file under dir, as '/'-separated paths relative to dir, sorted. */
export async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string) {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (e: any) {
      if (e.code === 'ENOENT') return;
      throw e;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) out.push(r);
    }
  }
  await walk('');
  return out.sort();
}

/** A backup path must stay inside the backup: no absolute paths, no `..`. */
export function safeRelative(p: string): boolean {
  if (!p || p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
