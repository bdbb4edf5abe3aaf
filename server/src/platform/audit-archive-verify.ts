import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from './db-types.js';
import { GENESIS_HASH, type AuditProblem } from './audit.js';
import type { AuditKeyring } from './audit-key.js';
import { canonicalJson } from './canonical.js';
import {
  checkArchiveFile,
  manifestFileName,
  manifestMacOk,
  manifestOfRecord,
  sha256OfFile,
  type ArchiveManifest,
} from './audit-archive-file.js';

export interface ArchivesVerifyResult {
  archives: number;
  /** Rows held in the archives (as registered). */
  rows: number;
  /** Rows read back and re-hashed (deep only). */
  rowsChecked: number;
  problems: AuditProblem[];
  /** The last archived seq (0 before any archive). */
  upTo: number;
  /** seq → hash known from the archives: each archive's last row, and in deep mode the `wanted` seqs. */
  hashes: Map<number, string>;
}

/**
 * Checks every registered archive (audit_archives, oldest first): its signature with the audit key;
 * that it follows the one before (seq and hash, the first from the genesis); that its file is in
 * `dir` with the registered SHA-256 and size; that its manifest beside it says the same, signed. With
 * `deep`, also reads each file and re-checks every row (checkArchiveFile). That the live table
 * starts where the last archive ends is verifyAuditChain's part (it starts from that boundary).
 */
export async function verifyAuditArchives(
  db: Kysely<DB>,
  keyring: AuditKeyring | null,
  dir: string,
  opts: { deep?: boolean; wanted?: Set<number>; onProgress?: (done: number, total: number) => void } = {},
): Promise<ArchivesVerifyResult> {
  const recs = await db.selectFrom('audit_archives').selectAll().orderBy('first_seq').execute();
  const problems: AuditProblem[] = [];
  const hashes = new Map<number, string>();
  const total = recs.reduce((s, r) => s + Number(r.rows), 0);
  let prevLast = 0;
  let prevHash = GENESIS_HASH;
  let prevMac: string | null = null;
  let rowsChecked = 0;
  for (const r of recs) {
    const m = manifestOfRecord(r);
    const p = (problem: AuditProblem['problem'], detail: string) =>
      problems.push({ seq: m.firstSeq, problem, detail: `${m.file}: ${detail}` });
    if (m.firstSeq !== prevLast + 1)
      p('archive_gap', `starts at seq ${m.firstSeq}, the archive before ends at ${prevLast}`);
    if (m.firstPrevHash !== prevHash)
      p('archive_broken_link', 'does not link to the last hash of the archive before');
    if (keyring) {
      const ok = manifestMacOk(keyring, m);
      if (ok !== true)
        p(
          'archive_forged',
          ok === null
            ? `signed with key ${m.key}, not configured`
            : 'the registered archive does not match its MAC',
        );
    }
    const file = path.join(dir, m.file);
    if (path.basename(m.file) !== m.file || !fs.existsSync(file)) {
      p('archive_missing', `not found in ${dir}`);
    } else {
      const { sha256, bytes } = await sha256OfFile(file);
      if (sha256 !== m.sha256 || bytes !== m.bytes)
        p(
          'archive_tampered',
          `SHA-256 ${sha256.slice(0, 12)}… (${bytes} B), registered ${m.sha256.slice(0, 12)}…`,
        );
      const mf = path.join(dir, manifestFileName(m.file));
      let onDisk: ArchiveManifest | null = null;
      try {
        onDisk = JSON.parse(fs.readFileSync(mf, 'utf8')) as ArchiveManifest;
      } catch {
        p('archive_manifest_mismatch', `manifest ${path.basename(mf)} missing or unreadable`);
      }
      if (onDisk && canonicalJson(onDisk) !== canonicalJson(m))
        p('archive_manifest_mismatch', `manifest ${path.basename(mf)} differs from the registered archive`);
      if (opts.deep) {
        const base = rowsChecked;
        const res = await checkArchiveFile(
          file,
          {
            firstSeq: m.firstSeq,
            rows: m.rows,
            firstPrevHash: m.firstPrevHash,
            firstPrevMac: prevMac,
            lastHash: m.lastHash,
            lastMac: m.lastMac,
          },
          keyring,
          { wanted: opts.wanted, onRow: (n) => n % 2000 === 0 && opts.onProgress?.(base + n, total) },
        );
        problems.push(...res.problems);
        for (const [s, h] of res.hashes) hashes.set(s, h);
        rowsChecked += m.rows;
        opts.onProgress?.(rowsChecked, total);
      }
    }
    hashes.set(m.lastSeq, m.lastHash);
    prevLast = m.lastSeq;
    prevHash = m.lastHash;
    prevMac = m.lastMac;
  }
  return { archives: recs.length, rows: total, rowsChecked, problems, upTo: prevLast, hashes };
}
