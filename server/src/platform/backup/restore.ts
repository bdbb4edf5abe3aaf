import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { verifyAuditChain, type AuditProblem } from '../audit.js';
import type { Manifest } from './manifest.js';
import { knownMigrations, migrateWithin } from './migrations.js';
import { appliedMigrations, countRows, listTables } from './schema-info.js';
import { openAndVerifyBackup } from './verify.js';
import { archiveConflicts, restoreArchives } from './audit-archives.js';

export class RestoreRefusedError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh}\n${en}`);
    this.name = 'RestoreRefusedError';
  }
}

export interface RestoreOptions {
  db: Kysely<any>;
  filesDir: string;
  /** AUDIT_ARCHIVE_DIR of the target: the backup's audit archives are put back there. */
  auditArchiveDir?: string;
  source: string;
  /** Replace a database (and files folder) that already holds data. */
  force?: boolean;
  onProgress?: (
    phase: 'verify' | 'tables' | 'files' | 'audit',
    done: number,
    total: number,
    label?: string,
  ) => void;
  /** Runs the code's remaining migrations after the restore (default true). */
  migrateAfter?: (db: Kysely<any>) => Promise<unknown>;
}

export interface RestoreResult {
  manifest: Manifest;
  rows: Record<string, number>;
  files: number;
  /** audit archive files (archives and their manifests) put back into auditArchiveDir */
  archiveFiles: number;
  audit: { rows: number; problems: AuditProblem[] };
}

const BATCH_ROWS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;

/** True when the database holds no record of any change (no audit rows: every change writes one). */
export async function databaseIsEmpty(db: Kysely<any>): Promise<boolean> {
  const t = await sql<{ t: string | null }>`select to_regclass('public.audit_log')::text as t`.execute(db);
  if (!t.rows[0]?.t) return true;
  return (await countRows(db, 'audit_log')) === 0;
}

/** Orders rows so a row comes after the row its self-reference (e.g. parent_id) points to. */
function orderSelfRefs(lines: string[], refs: Array<{ column: string; references: string }>): string[] {
  if (!refs.length) return lines;
  const rows = lines.map((l) => ({ line: l, obj: JSON.parse(l) as Record<string, unknown> }));
  const placed = new Set<string>();
  const out: string[] = [];
  let pending = rows;
  while (pending.length) {
    const next: typeof rows = [];
    for (const r of pending) {
      const ready = refs.every((ref) => {
        const v = r.obj[ref.column];
        return (
          v === null ||
          v === undefined ||
          placed.has(`${ref.references}=${String(v)}`) ||
          v === r.obj[ref.references]
        );
      });
      if (ready) {
        out.push(r.line);
        for (const ref of refs) placed.add(`${ref.references}=${String(r.obj[ref.references])}`);
      } else next.push(r);
    }
    if (next.length === pending.length) return [...out, ...next.map((r) => r.line)]; // let the FK report it
    pending = next;
  }
  return out;
}

/**
 * Restores a backup made by createBackup onto this database — PGlite or a PostgreSQL server, either
 * way round. Every checksum is verified before the database is touched; a database holding data is
 * refused unless `force`. Schema and rows are replaced in ONE transaction (migrated to exactly the
 * backup's migrations, rows loaded in foreign-key order, sequences set), row counts are compared
 * before commit, then the files folder is swapped in, the audit archives are put back into
 * `auditArchiveDir`, the code's newer migrations run, and the audit chain is verified.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const opened = await openAndVerifyBackup(opts.source, (d, t, l) => opts.onProgress?.('verify', d, t, l));
  const { dir, manifest } = opened;
  try {
    const known = new Set(await knownMigrations());
    const unknown = manifest.migrations.filter((m) => !known.has(m));
    if (unknown.length) {
      throw new RestoreRefusedError(
        `备份来自更新版本的程序（未知迁移：${unknown.join(', ')}），请先升级。`,
        `The backup comes from a newer version (unknown migrations: ${unknown.join(', ')}); upgrade first.`,
      );
    }
    if (!manifest.migrations.length) {
      throw new RestoreRefusedError('备份中没有迁移记录。', 'The backup records no migrations.');
    }
    const filesDirBusy = (await fs.promises.readdir(opts.filesDir).catch(() => [])).length > 0;
    if (!opts.force && (!(await databaseIsEmpty(opts.db)) || filesDirBusy)) {
      throw new RestoreRefusedError(
        '目标数据库或文件目录已有数据；如确需覆盖，请加 --force。',
        'The target database or files folder already holds data; add --force to replace it.',
      );
    }

    const conflicts = opts.auditArchiveDir ? await archiveConflicts(manifest, opts.auditArchiveDir) : [];
    if (conflicts.length && !opts.force) {
      throw new RestoreRefusedError(
        `审计归档目录中已有同名但内容不同的归档：${conflicts.join(', ')}；如确需覆盖，请加 --force。`,
        `The audit archive folder holds different archives of the same name: ${conflicts.join(', ')}; add --force to replace them.`,
      );
    }

    // Files first into a staging folder next to filesDir (same file system, so the swap is a rename).
    const staging = `${opts.filesDir}.restoring-${process.pid}`;
    await fs.promises.rm(staging, { recursive: true, force: true });
    await fs.promises.mkdir(staging, { recursive: true });
    const blobs = manifest.files.filter((f) => f.path.startsWith('files/'));
    let nf = 0;
    for (const f of blobs) {
      const dest = path.join(staging, f.path.slice('files/'.length));
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      await fs.promises.copyFile(path.join(dir, f.path), dest);
      opts.onProgress?.('files', ++nf, blobs.length, f.path);
    }

    const rows: Record<string, number> = {};
    try {
      await opts.db.connection().execute(async (conn) => {
        await sql`begin`.execute(conn);
        try {
          // A clean schema, migrated to exactly what the backup was taken with.
          await sql`drop schema if exists public cascade`.execute(conn);
          await sql`create schema public`.execute(conn);
          await migrateWithin(conn, manifest.migrations);
          const applied = await appliedMigrations(conn);
          if (applied.join('\n') !== manifest.migrations.join('\n')) {
            throw new RestoreRefusedError(
              `迁移列表与备份不一致：${applied.join(', ')}`,
              `The migrations applied differ from the backup's: ${applied.join(', ')}`,
            );
          }
          const tables = await listTables(conn);
          const byName = new Map(tables.map((t) => [t.name, t]));
          for (const mt of manifest.tables) {
            if (!byName.has(mt.name)) {
              throw new RestoreRefusedError(
                `数据库中没有表 ${mt.name}`,
                `Table ${mt.name} does not exist after migrating`,
              );
            }
          }
          // Rows that migrations insert (e.g. the audit chain head) are replaced by the backup's.
          for (const t of [...tables].reverse()) {
            if (t.name === 'audit_log') continue;
            await sql`delete from ${sql.id(t.name)}`.execute(conn);
          }
          let ti = 0;
          for (const mt of manifest.tables) {
            ti++;
            const t = byName.get(mt.name)!;
            const cols = mt.columns.filter((c) => t.columns.includes(c));
            const colList = sql.join(cols.map((c) => sql.id(c)));
            const text = await fs.promises.readFile(path.join(dir, mt.file), 'utf8');
            const lines = orderSelfRefs(
              text.split('\n').filter((l) => l !== ''),
              t.selfRefs,
            );
            let i = 0;
            while (i < lines.length) {
              const batch: string[] = [];
              let bytes = 0;
              while (i < lines.length && batch.length < BATCH_ROWS && bytes < BATCH_BYTES) {
                bytes += lines[i].length;
                batch.push(lines[i++]);
              }
              const json = `[${batch.join(',')}]`;
              const overriding = t.identityAlways ? sql`overriding system value` : sql``;
              await sql`
                insert into ${sql.id(t.name)} (${colList}) ${overriding}
                select ${colList} from jsonb_populate_recordset(null::${sql.id(t.name)}, ${json}::jsonb)`.execute(
                conn,
              );
              opts.onProgress?.('tables', ti, manifest.tables.length, `${mt.name} ${i}/${lines.length}`);
            }
            rows[mt.name] = await countRows(conn, mt.name);
            if (rows[mt.name] !== mt.rows) {
              throw new Error(
                `表 ${mt.name} 恢复后有 ${rows[mt.name]} 行，应为 ${mt.rows} / table ${mt.name}: ${rows[mt.name]} rows after restore, expected ${mt.rows}`,
              );
            }
          }
          for (const s of manifest.sequences) {
            await sql`select setval(${`public.${JSON.stringify(s.name)}`}::regclass, ${s.lastValue}, ${s.isCalled})`.execute(
              conn,
            );
          }
          await sql`commit`.execute(conn);
        } catch (e) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw e;
        }
      });
    } catch (e) {
      await fs.promises.rm(staging, { recursive: true, force: true });
      throw e;
    }

    // Swap the files folder in.
    const old = `${opts.filesDir}.replaced-${process.pid}`;
    if (fs.existsSync(opts.filesDir)) await fs.promises.rename(opts.filesDir, old);
    await fs.promises.mkdir(path.dirname(opts.filesDir), { recursive: true });
    await fs.promises.rename(staging, opts.filesDir);
    await fs.promises.rm(old, { recursive: true, force: true });

    const archiveFiles = opts.auditArchiveDir
      ? await restoreArchives(manifest, dir, opts.auditArchiveDir)
      : 0;
    if (opts.migrateAfter) await opts.migrateAfter(opts.db);
    const audit = await verifyAuditChain(opts.db, (d, t) => opts.onProgress?.('audit', d, t));
    return { manifest, rows, files: blobs.length, archiveFiles, audit };
  } finally {
    await opened.cleanup();
  }
}
