import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db-types.js';
import { appendAudit, type AuditActor } from '../audit.js';
import type { AuditKeyring } from '../audit-key.js';
import { openScratch, type Scratch } from './drill-scratch.js';
import { drillArchives, type ArchiveDrill } from './audit-archives.js';
import { MANIFEST, sha256File, walkFiles, type Manifest } from './manifest.js';
import { restoreBackup } from './restore.js';
import { BackupInvalidError } from './verify.js';
import { countRows, listTables } from './schema-info.js';
import { parseBackupName } from './retention.js';
import { contentAddressProblems } from './scheduled.js';
import { findBackupRecord, insertDrillRecord } from './backups.repo.js';

export interface DrillReport {
  backup: string;
  path: string;
  /** Where the scratch copy was restored: a fresh PGlite folder or a new database on the server. */
  engine: 'pglite' | 'pg';
  startedAt: string;
  seconds: number;
  ok: boolean;
  /** Tables whose restored row count equals the manifest's (and the live record's). */
  tables: { matching: number; total: number };
  rows: { restored: number; expected: number };
  files: { matching: number; total: number; bytes: number };
  /** The audit archives (files and their manifests) restored and re-verified row by row. */
  archives: ArchiveDrill;
  /** Whether the live database had a record of this backup (system_backups) to compare with. */
  liveRecord: boolean;
  auditChain: { rows: number; problems: number };
  problems: string[];
}

/** The newest scheduled backup folder in dir, or null. */
export function latestBackup(dir: string): string | null {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && parseBackupName(e.name))
        .map((e) => e.name)
        .sort()
    : [];
  return names.length ? path.join(dir, names.at(-1)!) : null;
}

/** A backup argument: a path, or the name of a backup in BACKUP_DIR; none → the newest there. */
export function resolveBackup(arg: string | undefined, backupDir: string): string | null {
  if (!arg) return latestBackup(backupDir);
  if (fs.existsSync(arg)) return path.resolve(arg);
  const inDir = path.join(backupDir, arg);
  return fs.existsSync(inDir) ? inDir : path.resolve(arg);
}

async function readManifest(source: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await fs.promises.readFile(path.join(source, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

export interface DrillOptions {
  /** The live database: its record of the backup is compared with, and the result is kept there. */
  live: Kysely<DB>;
  /** Set: the scratch database is a new database on this PostgreSQL server; unset: a fresh PGlite. */
  databaseUrl?: string;
  source: string;
  /** Where the scratch PGlite folder and file store go (default the system's temporary folder). */
  scratchRoot?: string;
  now: () => Date;
  actor: AuditActor;
  /** checks the restored audit archives' MACs (the installation's key); without it, links and hashes only */
  auditKeyring?: AuditKeyring | null;
  onProgress?: Parameters<typeof restoreBackup>[0]['onProgress'];
}

/**
 * The restore drill: restores `source` into a scratch database and a scratch file store, then
 * compares every table's row count, every file's and audit archive's SHA-256 with the backup's manifest and with
 * the live database's record of what the system held when the backup was taken (system_backups).
 * The result is kept (system_backup_drills) and audited (`system.backup.drill`); the scratch copies
 * are removed. Never touches the live database beyond those two records.
 */
export async function runRestoreDrill(opts: DrillOptions): Promise<DrillReport> {
  const startedAt = opts.now();
  const t0 = performance.now();
  const source = path.resolve(opts.source);
  const name = path.basename(source).replace(/\.tar$/, '');
  const problems: string[] = [];
  const record = await findBackupRecord(opts.live, name);
  let manifest: Manifest | null;
  const tables = { matching: 0, total: 0 };
  const rows = { restored: 0, expected: 0 };
  const files = { matching: 0, total: 0, bytes: 0 };
  const auditChain = { rows: 0, problems: 0 };
  let archives: ArchiveDrill = { matching: 0, total: 0, rows: 0 };
  const engine: 'pglite' | 'pg' = opts.databaseUrl ? 'pg' : 'pglite';

  let scratch: Scratch | null = null;
  try {
    scratch = await openScratch(opts.databaseUrl, opts.scratchRoot ?? os.tmpdir());
    let restored = false;
    try {
      const res = await restoreBackup({
        db: scratch.database.db,
        filesDir: scratch.filesDir,
        auditArchiveDir: scratch.archiveDir,
        source,
        onProgress: opts.onProgress,
      });
      manifest = res.manifest;
      restored = true;
      auditChain.rows = res.audit.rows;
      auditChain.problems = res.audit.problems.length;
      for (const p of res.audit.problems)
        problems.push(
          `审计链 seq ${p.seq}: ${p.problem} / audit chain seq ${p.seq}: ${p.problem} (${p.detail})`,
        );
    } catch (e) {
      if (e instanceof BackupInvalidError) problems.push(...e.problems);
      else problems.push(`恢复失败 / restore failed: ${(e as Error).message}`);
      manifest = await readManifest(source);
    }

    if (record && manifest === null)
      problems.push('备份中没有可读的清单 / the backup has no readable manifest');
    const liveTables = (record?.tables ?? null) as Record<string, number> | null;
    const liveFiles = (record?.files ?? null) as Record<string, string> | null;

    // Tables: restored count = manifest = live at backup time.
    const expected = manifest?.tables ?? [];
    tables.total = liveTables ? Math.max(expected.length, Object.keys(liveTables).length) : expected.length;
    if (liveTables) {
      for (const t of Object.keys(liveTables))
        if (!expected.some((m) => m.name === t))
          problems.push(
            `表 ${t}: 清单中缺失 / table ${t}: missing from the manifest (live had ${liveTables[t]} rows)`,
          );
    }
    const present = restored
      ? new Set((await listTables(scratch.database.db)).map((t) => t.name))
      : new Set();
    for (const t of expected) {
      const live = liveTables?.[t.name];
      rows.expected += live ?? t.rows;
      if (!restored) continue;
      if (!present.has(t.name)) {
        problems.push(`表 ${t.name}: 恢复后不存在 / table ${t.name}: absent after restore`);
        continue;
      }
      const n = await countRows(scratch.database.db, t.name);
      rows.restored += n;
      const bad: string[] = [];
      if (n !== t.rows) bad.push(`manifest ${t.rows}`);
      if (liveTables && live !== n) bad.push(`live at backup time ${live ?? '—'}`);
      if (bad.length)
        problems.push(`表 ${t.name}: 恢复 ${n} 行 / table ${t.name}: ${n} rows restored, ${bad.join(', ')}`);
      else tables.matching++;
    }

    // Files: every blob in the scratch store, hashed, = manifest = live at backup time.
    const want = (manifest?.files ?? []).filter((f) => f.path.startsWith('files/'));
    const liveBlobs = liveFiles ? Object.entries(liveFiles).filter(([p]) => p.startsWith('files/')) : null;
    files.total = Math.max(want.length, liveBlobs?.length ?? 0);
    problems.push(...contentAddressProblems(want));
    if (liveBlobs && record!.deleted_at === null) {
      const listed = new Set(want.map((f) => f.path));
      for (const [p] of liveBlobs)
        if (!listed.has(p))
          problems.push(`${p}: 清单中缺失 / missing from the manifest (present at backup time)`);
    }
    if (restored) {
      const got = new Map<string, { sha256: string; size: number }>();
      for (const rel of await walkFiles(scratch.filesDir))
        got.set(`files/${rel}`, await sha256File(path.join(scratch.filesDir, rel)));
      for (const f of want) {
        const g = got.get(f.path);
        got.delete(f.path);
        const live = liveFiles?.[f.path];
        if (!g) {
          problems.push(`${f.path}: 恢复后缺失 / missing after restore`);
          continue;
        }
        const bad: string[] = [];
        if (g.sha256 !== f.sha256) bad.push('manifest');
        if (liveFiles && record!.deleted_at === null && live !== g.sha256) bad.push('live at backup time');
        if (bad.length) problems.push(`${f.path}: SHA-256 不符 / SHA-256 differs from ${bad.join(' and ')}`);
        else {
          files.matching++;
          files.bytes += g.size;
        }
      }
      for (const p of got.keys()) problems.push(`${p}: 多出的文件 / unexpected file after restore`);
      const a = await drillArchives(
        scratch.database.db,
        manifest!,
        scratch.archiveDir,
        record?.deleted_at === null ? liveFiles : null,
        opts.auditKeyring ?? null,
      );
      archives = a.report;
      problems.push(...a.problems);
    }
    if (record && manifest && record.deleted_at === null) {
      const mSum = await sha256File(path.join(source, MANIFEST)).catch(() => null);
      if (mSum && mSum.sha256 !== record.manifest_sha256)
        problems.push(
          `${MANIFEST}: 与备份时写下的不同 / differs from the one written at backup time (${record.manifest_sha256.slice(0, 12)}…)`,
        );
    }
  } catch (e) {
    problems.push(`演练失败 / drill failed: ${(e as Error).message}`);
  } finally {
    await scratch?.drop().catch((e) => problems.push(`清理失败 / cleanup failed: ${(e as Error).message}`));
  }

  const report: DrillReport = {
    backup: name,
    path: source,
    engine,
    startedAt: startedAt.toISOString(),
    seconds: Number(((performance.now() - t0) / 1000).toFixed(3)),
    ok: problems.length === 0,
    tables,
    rows,
    files,
    archives,
    liveRecord: !!record,
    auditChain,
    problems,
  };
  await opts.live.transaction().execute(async (trx) => {
    await insertDrillRecord(trx, {
      backupName: name,
      backupPath: source,
      engine,
      startedAt,
      seconds: report.seconds,
      ok: report.ok,
      report,
    });
    await appendAudit(trx, {
      actor: opts.actor,
      action: 'system.backup.drill',
      objectType: 'system.backup',
      objectId: name,
      result: report.ok ? 'ok' : 'failed',
      detail: {
        engine,
        seconds: report.seconds,
        tables: report.tables,
        rows: report.rows,
        files: report.files,
        archives: report.archives,
        liveRecord: report.liveRecord,
        problems: problems.slice(0, 20),
        problemCount: problems.length,
      },
    });
  });
  return report;
}
