import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db-types.js';
import { appendAudit, type AuditActor } from '../audit.js';
import { createBackup, type BackupResult } from './backup.js';
import { sha256File, type Manifest } from './manifest.js';
import { MANIFEST } from './manifest.js';
import { openAndVerifyBackup } from './verify.js';
import { backupName, parseBackupName, planRetention } from './retention.js';
import { markBackupsDeleted, upsertBackupRecord } from './backups.repo.js';

const SHA = /^[0-9a-f]{64}$/;

/** A backup run that failed; the message says why in Chinese and English (disk full, no permission …). */
export class BackupRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRunError';
  }
}

/** A file-system error as a sentence an operator can act on. */
export function describeBackupError(e: unknown, dir: string): string {
  const err = e as NodeJS.ErrnoException;
  const where = err.path ?? dir;
  switch (err.code) {
    case 'ENOSPC':
      return `备份失败：备份目录所在磁盘已满（${where}）。旧备份未删除。\nBackup failed: the disk holding BACKUP_DIR is full (${where}). No old backup was deleted.`;
    case 'EDQUOT':
      return `备份失败：超出磁盘配额（${where}）。旧备份未删除。\nBackup failed: disk quota exceeded (${where}). No old backup was deleted.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `备份失败：没有写入权限（${where}）。旧备份未删除。\nBackup failed: no permission to write ${where} (${err.code}). No old backup was deleted.`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `备份失败：BACKUP_DIR 不是可用的目录（${where}）。旧备份未删除。\nBackup failed: BACKUP_DIR is not a usable folder (${where}: ${err.code}). No old backup was deleted.`;
    default:
      return `备份失败：${err.message ?? String(e)}。旧备份未删除。\nBackup failed: ${err.message ?? String(e)}. No old backup was deleted.`;
  }
}

/** Blobs are stored under their SHA-256 (`files/ab/cd/<sha256>`): a copy must still be its own name. */
export function contentAddressProblems(files: Manifest['files']): string[] {
  const out: string[] = [];
  for (const f of files) {
    const base = f.path.split('/').pop()!;
    if (f.path.startsWith('files/') && SHA.test(base) && base !== f.sha256)
      out.push(`${f.path}: 内容与其哈希名不符 / content does not match its content address`);
  }
  return out;
}

/** fsync every file and folder under dir, so a backup that is renamed into place is on disk. */
async function syncTree(dir: string): Promise<void> {
  for (const e of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await syncTree(p);
    else if (e.isFile()) {
      const fd = await fs.promises.open(p, 'r');
      await fd.sync();
      await fd.close();
    }
  }
  const fd = await fs.promises.open(dir, 'r');
  await fd.sync().catch(() => undefined); // some file systems refuse fsync on a folder
  await fd.close();
}

export interface BackupDeps {
  db: Kysely<DB>;
  engine: 'pglite' | 'pg';
  filesDir: string;
  /** AUDIT_ARCHIVE_DIR: its registered archives go into every backup */
  auditArchiveDir?: string;
  now: () => Date;
  /** Fault injection for tests: runs after the backup is written, before it is verified. */
  afterWrite?: (dir: string) => Promise<void>;
}

export interface RecordedBackup extends BackupResult {
  name: string;
  seconds: number;
  manifestSha256: string;
}

/**
 * Writes a backup to `target`, checks it completely (every checksum and row count, read back from
 * disk, and every blob against its content address) and records in the live database what the
 * system held at that moment (system_backups). Does not audit: the caller does, with what it did.
 */
export async function writeVerifiedBackup(
  deps: BackupDeps,
  target: string,
  opts: {
    kind: 'scheduled' | 'manual';
    name?: string;
    onProgress?: Parameters<typeof createBackup>[0]['onProgress'];
  },
): Promise<RecordedBackup> {
  const t0 = performance.now();
  const res = await createBackup({
    db: deps.db,
    engine: deps.engine,
    filesDir: deps.filesDir,
    auditArchiveDir: deps.auditArchiveDir,
    target,
    now: deps.now,
    onProgress: opts.onProgress,
  });
  await deps.afterWrite?.(res.target);
  const opened = await openAndVerifyBackup(res.target);
  let manifestSha256: string;
  try {
    const problems = contentAddressProblems(opened.manifest.files);
    if (problems.length) throw new Error(problems.join('; '));
    manifestSha256 = (await sha256File(path.join(opened.dir, MANIFEST))).sha256;
  } finally {
    await opened.cleanup();
  }
  if (!res.target.endsWith('.tar')) await syncTree(res.target);
  const seconds = (performance.now() - t0) / 1000;
  return {
    ...res,
    name: opts.name ?? path.basename(res.target).replace(/\.tar$/, ''),
    seconds,
    manifestSha256,
  };
}

function recordOf(b: RecordedBackup, finalPath: string, kind: 'scheduled' | 'manual') {
  const m = b.manifest;
  return {
    name: b.name,
    path: finalPath,
    kind,
    createdAt: new Date(m.createdAt),
    manifestSha256: b.manifestSha256,
    tables: Object.fromEntries(m.tables.map((t) => [t.name, t.rows])),
    files: Object.fromEntries(m.files.map((f) => [f.path, f.sha256])),
    rows: m.tables.reduce((s, t) => s + t.rows, 0),
    fileCount: m.files.filter((f) => f.path.startsWith('files/')).length,
    bytes: b.bytes,
    seconds: b.seconds,
  };
}

/** Records and audits a backup written by `transferone backup <target>`. */
export async function recordManualBackup(
  db: Kysely<DB>,
  b: RecordedBackup,
  actor: AuditActor,
): Promise<void> {
  const rec = recordOf(b, b.target, 'manual');
  await db.transaction().execute(async (trx) => {
    await upsertBackupRecord(trx, rec);
    await appendAudit(trx, {
      actor,
      action: 'system.backup.create',
      objectType: 'system.backup',
      objectId: b.name,
      detail: {
        written: b.target,
        tables: b.manifest.tables.length,
        rows: rec.rows,
        files: rec.fileCount,
        bytes: b.bytes,
        deleted: [],
      },
    });
  });
}

export interface ScheduledBackupResult {
  name: string;
  path: string;
  bytes: number;
  rows: number;
  files: number;
  seconds: number;
  deleted: string[];
  kept: string[];
}

export const SCHEDULER_ACTOR: AuditActor = { id: null, label: 'system:backup-scheduler' };

/**
 * One scheduled run: a new backup in BACKUP_DIR named by the time, written as `.partial-<name>`,
 * verified, fsynced and only then renamed into place; then the backups retention no longer keeps
 * are deleted, and one audit record names what was written and what was deleted. On any failure
 * the partial folder goes, no old backup is touched, the failure is audited and a BackupRunError
 * with a clear message is thrown (the job fails).
 */
export async function runScheduledBackup(
  deps: BackupDeps,
  cfg: { dir: string; keepDaily: number; keepWeekly: number },
  actor: AuditActor = SCHEDULER_ACTOR,
): Promise<ScheduledBackupResult> {
  const at = deps.now();
  const name = backupName(at);
  const final = path.join(cfg.dir, name);
  const partial = path.join(cfg.dir, `.partial-${name}`);
  let written: RecordedBackup;
  try {
    await fs.promises.mkdir(cfg.dir, { recursive: true });
    if (fs.existsSync(final)) {
      throw Object.assign(new Error(`${final} already exists`), { code: 'EEXIST', path: final });
    }
    // a partial folder left by a run that crashed is never a backup
    for (const e of await fs.promises.readdir(cfg.dir)) {
      if (e.startsWith('.partial-') && e !== `.partial-${name}`)
        await fs.promises.rm(path.join(cfg.dir, e), { recursive: true, force: true });
    }
    await fs.promises.rm(partial, { recursive: true, force: true });
    written = await writeVerifiedBackup(deps, partial, { kind: 'scheduled', name });
    await fs.promises.rename(partial, final);
    const dirFd = await fs.promises.open(cfg.dir, 'r');
    await dirFd.sync().catch(() => undefined);
    await dirFd.close();
  } catch (e) {
    await fs.promises.rm(partial, { recursive: true, force: true }).catch(() => undefined);
    const message = describeBackupError(e, cfg.dir);
    await deps.db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, {
          actor,
          action: 'system.backup.fail',
          objectType: 'system.backup',
          objectId: name,
          result: 'failed',
          detail: { target: final, error: message },
        }),
      )
      .catch(() => undefined); // the database may be on the same full disk; the log still has it
    throw new BackupRunError(message);
  }

  // Only now, with the new backup complete, verified and in place, may old ones go.
  const present = (await fs.promises.readdir(cfg.dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && parseBackupName(e.name))
    .map((e) => e.name);
  const plan = planRetention(present, cfg.keepDaily, cfg.keepWeekly);
  const deleted: string[] = [];
  const failed: Array<{ name: string; error: string }> = [];
  for (const old of plan.remove) {
    if (old === name) continue;
    try {
      await fs.promises.rm(path.join(cfg.dir, old), { recursive: true });
      deleted.push(old);
    } catch (e) {
      failed.push({ name: old, error: (e as Error).message });
    }
  }
  const rec = recordOf(written, final, 'scheduled');
  await deps.db.transaction().execute(async (trx) => {
    await upsertBackupRecord(trx, rec);
    await markBackupsDeleted(trx, deleted, at);
    await appendAudit(trx, {
      actor,
      action: 'system.backup.create',
      objectType: 'system.backup',
      objectId: name,
      detail: {
        written: final,
        tables: written.manifest.tables.length,
        rows: rec.rows,
        files: rec.fileCount,
        bytes: written.bytes,
        seconds: Number(written.seconds.toFixed(3)),
        deleted,
        kept: plan.keep.map((k) => k.name),
        ...(failed.length ? { deleteFailed: failed } : {}),
      },
    });
  });
  return {
    name,
    path: final,
    bytes: written.bytes,
    rows: rec.rows,
    files: rec.fileCount,
    seconds: written.seconds,
    deleted,
    kept: plan.keep.map((k) => k.name),
  };
}
