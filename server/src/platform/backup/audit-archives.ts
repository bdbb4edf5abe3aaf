/**
 * Audit archives in the backup (issue 10, MLPS 2.0 level 3 §8.1.4.3 and §8.1.4.9). Records older than
 * the retention are archived to AUDIT_ARCHIVE_DIR and pruned from the database (audit-archive.ts),
 * so a backup of the database alone would lose them, and a restored installation's `audit-verify`
 * would name every archive missing. A backup therefore carries every archive the database registers
 * (the `.jsonl.gz` and its signed manifest) under `audit-archives/`, hashed in its manifest like any
 * file; a restore puts them back into the target's archive directory, and the drill checks them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { manifestFileName } from '../audit-archive-file.js';
import { verifyAuditArchives } from '../audit-archive-verify.js';
import type { AuditKeyring } from '../audit-key.js';
import type { AuditProblem } from '../audit.js';
import { sha256File, walkFiles, type Manifest } from './manifest.js';

export const ARCHIVES_PREFIX = 'audit-archives/';

/** The archive files the database registers (inside the backup's snapshot), with their manifests. */
export async function registeredArchiveFiles(trx: Kysely<any>): Promise<string[]> {
  const t = await sql<{ t: string | null }>`select to_regclass('public.audit_archives')::text as t`.execute(
    trx,
  );
  if (!t.rows[0]?.t) return [];
  const rows = await sql<{ file: string }>`select file from audit_archives order by first_seq`.execute(trx);
  return rows.rows.flatMap((r) => [r.file, manifestFileName(r.file)]);
}

/**
 * Copies the registered archives from `archiveDir` into `<backup>/audit-archives/`. One that is not
 * on disk is left out (the drill then names it missing, as `audit-verify` does on the live system).
 */
export async function copyArchivesInto(
  names: string[],
  archiveDir: string,
  backupDir: string,
): Promise<number> {
  let n = 0;
  for (const name of names) {
    if (path.basename(name) !== name) continue;
    const from = path.join(archiveDir, name);
    if (!fs.existsSync(from)) continue;
    await fs.promises.mkdir(path.join(backupDir, ARCHIVES_PREFIX), { recursive: true });
    await fs.promises.copyFile(from, path.join(backupDir, ARCHIVES_PREFIX, name));
    n++;
  }
  return n;
}

const archivesOf = (m: Manifest) => m.files.filter((f) => f.path.startsWith(ARCHIVES_PREFIX));

/**
 * Before a restore touches anything: an archive already in the target directory under the same
 * name must be the same file (archives never change); a different one is refused unless `force`.
 */
export async function archiveConflicts(m: Manifest, archiveDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of archivesOf(m)) {
    const there = path.join(archiveDir, f.path.slice(ARCHIVES_PREFIX.length));
    if (fs.existsSync(there) && (await sha256File(there)).sha256 !== f.sha256) out.push(there);
  }
  return out;
}

/** Puts the backup's archives into `archiveDir` (after the database is restored); answers how many. */
export async function restoreArchives(m: Manifest, backupDir: string, archiveDir: string): Promise<number> {
  const files = archivesOf(m);
  if (files.length) await fs.promises.mkdir(archiveDir, { recursive: true });
  for (const f of files)
    await fs.promises.copyFile(
      path.join(backupDir, f.path),
      path.join(archiveDir, f.path.slice(ARCHIVES_PREFIX.length)),
    );
  return files.length;
}

export interface ArchiveDrill {
  matching: number;
  total: number;
  /** audit records held in the registered archives, every one re-hashed (and its MAC checked with a key) */
  rows: number;
}

/**
 * The drill's part: every archive of the manifest restored with its SHA-256 (and the live record's),
 * nothing else in the directory, and the restored registry's archives verified row by row
 * (verifyAuditArchives, deep) against the restored files.
 */
export async function drillArchives(
  db: Kysely<any>,
  m: Manifest,
  archiveDir: string,
  liveFiles: Record<string, string> | null,
  keyring: AuditKeyring | null,
): Promise<{ report: ArchiveDrill; problems: string[] }> {
  const problems: string[] = [];
  const want = archivesOf(m);
  const got = new Map<string, string>();
  for (const rel of await walkFiles(archiveDir))
    got.set(`${ARCHIVES_PREFIX}${rel}`, (await sha256File(path.join(archiveDir, rel))).sha256);
  const report: ArchiveDrill = { matching: 0, total: want.length, rows: 0 };
  if (liveFiles)
    for (const p of Object.keys(liveFiles))
      if (p.startsWith(ARCHIVES_PREFIX) && !want.some((f) => f.path === p))
        problems.push(`${p}: 清单中缺失 / missing from the manifest (present at backup time)`);
  for (const f of want) {
    const g = got.get(f.path);
    got.delete(f.path);
    if (!g) problems.push(`${f.path}: 恢复后缺失 / missing after restore`);
    else if (g !== f.sha256 || (liveFiles && liveFiles[f.path] !== g))
      problems.push(`${f.path}: SHA-256 不符 / SHA-256 differs from the manifest or the live record`);
    else report.matching++;
  }
  for (const p of got.keys()) problems.push(`${p}: 多出的文件 / unexpected file after restore`);
  const v = await verifyAuditArchives(db, keyring, archiveDir, { deep: true });
  report.rows = v.rowsChecked;
  problems.push(...v.problems.map(archiveProblem));
  return { report, problems };
}

const archiveProblem = (p: AuditProblem) =>
  `审计归档 seq ${p.seq}: ${p.problem} / audit archive seq ${p.seq}: ${p.problem} (${p.detail})`;
