import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from './db-types.js';
import { AUDIT_MIN_RETENTION_DAYS, appendAudit, auditChainStart, type AuditActor } from './audit.js';
import type { AuditKeyring } from './audit-key.js';
import {
  archiveFileName,
  checkArchiveFile,
  manifestFileName,
  sha256OfFile,
  signManifest,
  writeArchiveFile,
  type ArchivedRow,
} from './audit-archive-file.js';

/**
 * Audit archive-and-prune (issue 10, audit retention; GB/T 22239-2019 8.1.4.3): the audit rows
 * older than the retention (AUDIT_RETENTION_DAYS, default 365, never below 180) are written to an
 * archive file in AUDIT_ARCHIVE_DIR with a signed manifest, the file is read back and every row
 * checked, and only then, in one transaction, the archive is registered in audit_archives, the rows
 * are deleted through audit_prune (the one delete the append-only trigger allows, migration 0049)
 * and the run is audited. The last archived hash becomes the live chain's genesis.
 */
export const AUDIT_ARCHIVE_ACTOR: AuditActor = { id: null, label: 'system:audit-archive' };

/** A refused or failed archive run, with the reason in Chinese and English. */
export class AuditArchiveError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'AuditArchiveError';
  }
}

/** Refuses a retention below AUDIT_MIN_RETENTION_DAYS (MLPS level 3: ≥ 180 days) or not a whole number. */
export function checkRetentionDays(days: number): void {
  if (!Number.isInteger(days) || days < AUDIT_MIN_RETENTION_DAYS)
    throw new AuditArchiveError(
      `审计记录保留期不得少于 ${AUDIT_MIN_RETENTION_DAYS} 天（等保三级），收到 ${days}`,
      `The audit retention must be a whole number of at least ${AUDIT_MIN_RETENTION_DAYS} days (MLPS level 3); got ${days}`,
    );
}

export interface AuditArchiveDeps {
  db: Kysely<DB>;
  /** Signs the manifest and checks the rows' MACs; required unless dryRun. */
  keyring: AuditKeyring | null;
  dir: string;
  now: () => Date;
}

export interface AuditArchiveOptions {
  retentionDays: number;
  dryRun?: boolean;
  actor?: AuditActor;
  onProgress?: (phase: 'write' | 'verify', done: number, total: number) => void;
  /** Fault injection for tests: runs after the file is written, before it is read back. */
  afterWrite?: (file: string) => Promise<void>;
}

export interface AuditArchiveResult {
  dryRun: boolean;
  retentionDays: number;
  cutoff: string;
  rows: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** The archive's file name in the archive directory (null on a dry run or when nothing was old enough). */
  file: string | null;
  sha256: string | null;
  bytes: number;
}

/** Which rows a run would archive: from after the last archive up to the last row older than the cutoff. */
export async function planAuditArchive(db: Kysely<DB>, cutoff: Date) {
  const start = await auditChainStart(db);
  const young = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.min('seq').as('s'))
    .where('seq', '>', start.seq)
    .where('at', '>=', cutoff)
    .executeTakeFirst();
  let q = db
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('seq').as('last')])
    .where('seq', '>', start.seq);
  if (young?.s != null) q = q.where('seq', '<', Number(young.s));
  const r = await q.executeTakeFirst();
  const rows = Number(r?.n ?? 0);
  return { start, rows, firstSeq: start.seq + 1, lastSeq: rows ? Number(r!.last) : start.seq };
}

async function* rowsOf(db: Kysely<DB>, from: number, to: number, onRow: (n: number) => void) {
  let after = from - 1;
  let n = 0;
  for (;;) {
    const batch = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .where('seq', '<=', to)
      .orderBy('seq')
      .limit(2000)
      .execute();
    if (!batch.length) return;
    for (const r of batch) {
      const row: ArchivedRow = {
        seq: Number(r.seq),
        at: new Date(r.at).toISOString(),
        actor_id: r.actor_id,
        actor_org_id: r.actor_org_id,
        actor_label: r.actor_label,
        ip: r.ip,
        action: r.action,
        object_type: r.object_type,
        object_id: r.object_id,
        result: r.result,
        before: r.before ?? null,
        after: r.after ?? null,
        detail: r.detail ?? null,
        prev_hash: r.prev_hash,
        hash: r.hash,
        mac: r.mac,
        mac_key: r.mac_key,
      };
      yield row;
      after = row.seq;
    }
    onRow((n += batch.length));
  }
}

/** Links `from` to `to` (refusing to replace an existing file); answers `to`. */
async function place(from: string, to: string): Promise<string> {
  await fs.promises.link(from, to);
  return to;
}

/**
 * One archive-and-prune run. A dry run only counts. When no row is older than the cutoff the run is
 * audited as `audit.archive.empty`; a failure removes what it wrote, deletes nothing, is audited as
 * `audit.archive.fail` and thrown as an AuditArchiveError.
 */
export async function runAuditArchive(
  deps: AuditArchiveDeps,
  opts: AuditArchiveOptions,
): Promise<AuditArchiveResult> {
  checkRetentionDays(opts.retentionDays);
  const actor = opts.actor ?? AUDIT_ARCHIVE_ACTOR;
  const now = deps.now();
  const cutoff = new Date(now.getTime() - opts.retentionDays * 86_400_000);
  const plan = await planAuditArchive(deps.db, cutoff);
  const result: AuditArchiveResult = {
    dryRun: !!opts.dryRun,
    retentionDays: opts.retentionDays,
    cutoff: cutoff.toISOString(),
    rows: plan.rows,
    firstSeq: plan.rows ? plan.firstSeq : null,
    lastSeq: plan.rows ? plan.lastSeq : null,
    file: null,
    sha256: null,
    bytes: 0,
  };
  if (opts.dryRun) return result;
  const key = deps.keyring?.current;
  if (!key)
    throw new AuditArchiveError(
      '没有审计密钥（AUDIT_HMAC_KEY 或 AUDIT_KEY_FILE），无法签名归档',
      'No audit key (AUDIT_HMAC_KEY or AUDIT_KEY_FILE): the archive cannot be signed',
    );
  const detail = { retentionDays: opts.retentionDays, cutoff: result.cutoff };
  if (!plan.rows) {
    await deps.db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, { actor, action: 'audit.archive.empty', objectType: 'audit_archive', detail }),
      );
    return result;
  }

  const file = archiveFileName(plan.firstSeq, plan.lastSeq);
  const manifestFile = manifestFileName(file);
  const tag = `.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  const partial = path.join(deps.dir, `${file}${tag}`);
  const partialManifest = path.join(deps.dir, `${manifestFile}${tag}`);
  const placed: string[] = [];
  try {
    await fs.promises.mkdir(deps.dir, { recursive: true });
    await writeArchiveFile(
      partial,
      rowsOf(deps.db, plan.firstSeq, plan.lastSeq, (n) => opts.onProgress?.('write', n, plan.rows)),
    );
    await opts.afterWrite?.(partial);
    const last = await deps.db
      .selectFrom('audit_log')
      .select(['hash', 'mac', 'at'])
      .where('seq', '=', plan.lastSeq)
      .executeTakeFirstOrThrow();
    const first = await deps.db
      .selectFrom('audit_log')
      .select(['at'])
      .where('seq', '=', plan.firstSeq)
      .executeTakeFirstOrThrow();
    // Read back from disk: only a file whose every row verifies may replace the rows.
    const check = await checkArchiveFile(
      partial,
      {
        firstSeq: plan.firstSeq,
        rows: plan.rows,
        firstPrevHash: plan.start.hash,
        firstPrevMac: plan.start.mac,
        lastHash: last.hash,
        lastMac: last.mac,
      },
      deps.keyring,
      { onRow: (n) => n % 2000 === 0 && opts.onProgress?.('verify', n, plan.rows) },
    );
    opts.onProgress?.('verify', plan.rows, plan.rows);
    if (check.problems.length)
      throw new AuditArchiveError(
        `归档文件校验失败，未删除任何记录：${check.problems[0].detail}`,
        `The archive file does not verify; no record was deleted: ${check.problems[0].detail}`,
      );
    const { sha256, bytes } = await sha256OfFile(partial);
    const manifest = signManifest(key, {
      v: 1,
      file,
      firstSeq: plan.firstSeq,
      lastSeq: plan.lastSeq,
      rows: plan.rows,
      firstPrevHash: plan.start.hash,
      lastHash: last.hash,
      lastMac: last.mac,
      firstAt: new Date(first.at).toISOString(),
      lastAt: new Date(last.at).toISOString(),
      sha256,
      bytes,
      retentionDays: opts.retentionDays,
      createdAt: now.toISOString(),
      createdBy: actor.label ?? actor.id,
    });
    await fs.promises.writeFile(partialManifest, `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    await deps.db.transaction().execute(async (trx) => {
      const rec = await trx
        .insertInto('audit_archives')
        .values({
          first_seq: manifest.firstSeq,
          last_seq: manifest.lastSeq,
          rows: manifest.rows,
          first_prev_hash: manifest.firstPrevHash,
          last_hash: manifest.lastHash,
          last_mac: manifest.lastMac,
          first_at: manifest.firstAt,
          last_at: manifest.lastAt,
          file,
          sha256,
          bytes,
          retention_days: manifest.retentionDays,
          created_at: manifest.createdAt,
          created_by: manifest.createdBy,
          mac_key: manifest.key,
          mac: manifest.mac,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const pruned = await sql<{ n: string | number }>`select audit_prune(${rec.id}) as n`.execute(trx);
      await appendAudit(trx, {
        actor,
        action: 'audit.archive.create',
        objectType: 'audit_archive',
        objectId: file,
        detail: {
          ...detail,
          firstSeq: manifest.firstSeq,
          lastSeq: manifest.lastSeq,
          rows: Number(pruned.rows[0].n),
          sha256,
          bytes,
          lastHash: manifest.lastHash,
        },
      });
      // In place before the commit: a registered archive always has its file.
      placed.push(await place(partial, path.join(deps.dir, file)));
      placed.push(await place(partialManifest, path.join(deps.dir, manifestFile)));
    });
    const dirFd = await fs.promises.open(deps.dir, 'r');
    await dirFd.sync().catch(() => undefined);
    await dirFd.close();
    return { ...result, file, sha256, bytes };
  } catch (e) {
    for (const p of placed) await fs.promises.rm(p, { force: true }).catch(() => undefined);
    const err =
      e instanceof AuditArchiveError
        ? e
        : new AuditArchiveError(
            `审计归档失败，未删除任何记录：${(e as Error).message}`,
            `Audit archive failed; no record was deleted: ${(e as Error).message}`,
          );
    await deps.db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, {
          actor,
          action: 'audit.archive.fail',
          objectType: 'audit_archive',
          objectId: file,
          result: 'failed',
          detail: { ...detail, firstSeq: plan.firstSeq, lastSeq: plan.lastSeq, error: err.en },
        }),
      )
      .catch(() => undefined);
    throw err;
  } finally {
    await fs.promises.rm(partial, { force: true }).catch(() => undefined);
    await fs.promises.rm(partialManifest, { force: true }).catch(() => undefined);
  }
}
