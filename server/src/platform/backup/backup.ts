import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { packDir } from './archive.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MANIFEST,
  MANIFEST_SUM,
  sha256File,
  walkFiles,
  type Manifest,
  type ManifestFile,
  type ManifestTable,
} from './manifest.js';
import { appliedMigrations, countRows, listSequences, listTables } from './schema-info.js';
import { copyArchivesInto, registeredArchiveFiles } from './audit-archives.js';

export interface BackupProgress {
  (phase: 'tables' | 'files', done: number, total: number, label?: string): void;
}

export interface BackupOptions {
  db: Kysely<any>;
  engine: 'pglite' | 'pg';
  filesDir: string;
  /** AUDIT_ARCHIVE_DIR: the audit archives the database registers are copied into the backup. */
  auditArchiveDir?: string;
  /** A directory (created, must be empty) or a file ending in .tar. */
  target: string;
  onProgress?: BackupProgress;
  now?: () => Date;
}

export interface BackupResult {
  target: string;
  manifest: Manifest;
  bytes: number;
}

const PAGE = 2000;

/**
 * Writes the whole database (every table of the public schema, audit_log included) as one
 * JSON-lines file per table in foreign-key order, the sequences and the migrations list, and every
 * blob under filesDir, and every audit archive the database registers (audit-archives.ts), with a
 * manifest of row counts and SHA-256 sums. The rows are read in one
 * REPEATABLE READ transaction, so the backup is a consistent snapshot even while the server writes.
 */
export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const toTar = opts.target.endsWith('.tar');
  const target = path.resolve(opts.target);
  if (fs.existsSync(target) && (toTar || (await fs.promises.readdir(target)).length > 0)) {
    throw new Error(`目标已存在：${target} / The target already exists: ${target}`);
  }
  const dir = toTar ? await fs.promises.mkdtemp(path.join(os.tmpdir(), 'transferone-backup-')) : target;
  await fs.promises.mkdir(path.join(dir, 'db'), { recursive: true });
  try {
    const files: ManifestFile[] = [];
    const tables: ManifestTable[] = [];
    let sequences: Manifest['sequences'] = [];
    let migrations: string[] = [];
    let auditHeadHash: string | null = null;
    let auditRows = 0;
    let archives: string[] = [];

    await opts.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        migrations = await appliedMigrations(trx);
        const infos = await listTables(trx);
        let i = 0;
        for (const t of infos) {
          i++;
          const file = `db/${String(i).padStart(4, '0')}_${t.name}.jsonl`;
          const total = await countRows(trx, t.name);
          const order = t.primaryKey.length ? t.primaryKey : t.columns;
          const orderBy = sql.join(order.map((c) => sql.id(c)));
          const out = fs.createWriteStream(path.join(dir, file));
          let rows = 0;
          for (let offset = 0; ; offset += PAGE) {
            const page = await sql<{ j: string }>`
              select row_to_json(t)::text as j from ${sql.id(t.name)} t
              order by ${orderBy} limit ${PAGE} offset ${offset}`.execute(trx);
            for (const r of page.rows) {
              if (!out.write(r.j + '\n')) await new Promise<void>((res) => out.once('drain', () => res()));
            }
            rows += page.rows.length;
            opts.onProgress?.('tables', i, infos.length, `${t.name} ${rows}/${total}`);
            if (page.rows.length < PAGE) break;
          }
          await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
          // both counted in the one snapshot: a difference means rows were lost on the way to disk
          if (rows !== total) {
            throw new Error(
              `表 ${t.name} 写出 ${rows} 行，快照中有 ${total} 行 / table ${t.name}: wrote ${rows} rows, the snapshot holds ${total}`,
            );
          }
          tables.push({ name: t.name, file, rows, columns: t.columns });
          if (t.name === 'audit_log') auditRows = rows;
        }
        sequences = await listSequences(trx);
        const head = await sql<{ last_hash: string }>`
          select last_hash from audit_chain_head where id = 1`
          .execute(trx)
          .catch(() => ({ rows: [] as Array<{ last_hash: string }> }));
        auditHeadHash = head.rows[0]?.last_hash ?? null;
        archives = await registeredArchiveFiles(trx);
      });

    const blobs = await walkFiles(opts.filesDir);
    let n = 0;
    for (const rel of blobs) {
      const dest = path.join(dir, 'files', rel);
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      await fs.promises.copyFile(path.join(opts.filesDir, rel), dest);
      opts.onProgress?.('files', ++n, blobs.length, rel);
    }
    if (opts.auditArchiveDir) await copyArchivesInto(archives, opts.auditArchiveDir, dir);

    for (const rel of await walkFiles(dir)) {
      const { sha256, size } = await sha256File(path.join(dir, rel));
      files.push({ path: rel, size, sha256 });
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: (opts.now ?? (() => new Date()))().toISOString(),
      sourceEngine: opts.engine,
      migrations,
      tables,
      sequences,
      auditRows,
      auditHeadHash,
      files,
    };
    const manifestText = JSON.stringify(manifest, null, 2) + '\n';
    await fs.promises.writeFile(path.join(dir, MANIFEST), manifestText);
    const { sha256 } = await sha256File(path.join(dir, MANIFEST));
    await fs.promises.writeFile(path.join(dir, MANIFEST_SUM), `${sha256}  ${MANIFEST}\n`);

    if (toTar) await packDir(dir, target);
    const bytes = toTar
      ? (await fs.promises.stat(target)).size
      : files.reduce((s, f) => s + f.size, 0) + Buffer.byteLength(manifestText);
    return { target, manifest, bytes };
  } finally {
    if (toTar) await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
