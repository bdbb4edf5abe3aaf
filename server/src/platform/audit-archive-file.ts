import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { auditChainFields, auditHash, type AuditProblem } from './audit.js';
import { canonicalJson } from './canonical.js';
import { hmacHex, rowMac, type AuditKey, type AuditKeyring } from './audit-key.js';

/**
 * The audit archive's file format (platform/audit-archive.ts writes it, audit-archive-verify.ts
 * checks it): `audit-<first>-<last>.jsonl.gz`, gzip'd JSON Lines, one audit row per line with every
 * column (the chain hash, prev_hash, MAC and key id included), in seq order; beside it
 * `audit-<first>-<last>.manifest.json`, the archive's fields signed with the audit HMAC key. The same
 * fields and MAC are kept in audit_archives, so neither copy can be edited alone.
 */
export interface ArchivedRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_org_id: string | null;
  actor_label: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  before: unknown;
  after: unknown;
  detail: unknown;
  prev_hash: string;
  hash: string;
  mac: string | null;
  mac_key: string | null;
}

/** What an archive is: the manifest's fields (all but `mac` are signed). */
export interface ArchiveManifest {
  v: 1;
  file: string;
  firstSeq: number;
  lastSeq: number;
  rows: number;
  /** The hash the first archived row links to: the genesis, or the previous archive's lastHash. */
  firstPrevHash: string;
  lastHash: string;
  lastMac: string | null;
  firstAt: string;
  lastAt: string;
  sha256: string;
  bytes: number;
  retentionDays: number;
  createdAt: string;
  createdBy: string | null;
  key: string;
  mac: string;
}

export const archiveFileName = (firstSeq: number, lastSeq: number) =>
  `audit-${String(firstSeq).padStart(12, '0')}-${String(lastSeq).padStart(12, '0')}.jsonl.gz`;

export const manifestFileName = (file: string) => file.replace(/\.jsonl\.gz$/, '.manifest.json');

const signedBody = (m: Omit<ArchiveManifest, 'mac'>) => canonicalJson({ ...m, v: 1 });

export function signManifest(key: AuditKey, m: Omit<ArchiveManifest, 'mac' | 'key'>): ArchiveManifest {
  const body = { ...m, key: key.id };
  return { ...body, mac: hmacHex(key, signedBody(body)) };
}

/** Whether the manifest's MAC is right; null when its key is not in the keyring. */
export function manifestMacOk(keyring: AuditKeyring, m: ArchiveManifest): boolean | null {
  const key = keyring.byId.get(m.key);
  if (!key) return null;
  const { mac, ...body } = m;
  return hmacHex(key, signedBody(body)) === mac;
}

/** An audit_archives row as the manifest it registered. */
export function manifestOfRecord(r: {
  file: string;
  first_seq: number | string;
  last_seq: number | string;
  rows: number | string;
  first_prev_hash: string;
  last_hash: string;
  last_mac: string | null;
  first_at: Date | string;
  last_at: Date | string;
  sha256: string;
  bytes: number | string;
  retention_days: number;
  created_at: Date | string;
  created_by: string | null;
  mac_key: string;
  mac: string;
}): ArchiveManifest {
  return {
    v: 1,
    file: r.file,
    firstSeq: Number(r.first_seq),
    lastSeq: Number(r.last_seq),
    rows: Number(r.rows),
    firstPrevHash: r.first_prev_hash,
    lastHash: r.last_hash,
    lastMac: r.last_mac,
    firstAt: new Date(r.first_at).toISOString(),
    lastAt: new Date(r.last_at).toISOString(),
    sha256: r.sha256,
    bytes: Number(r.bytes),
    retentionDays: r.retention_days,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    key: r.mac_key,
    mac: r.mac,
  };
}

/** Writes rows (from an async source, in seq order) as gzip'd JSON Lines, mode 0600, fsynced. */
export async function writeArchiveFile(file: string, rows: AsyncIterable<ArchivedRow>): Promise<void> {
  async function* lines() {
    for await (const r of rows) yield `${JSON.stringify(r)}\n`;
  }
  await pipeline(lines, zlib.createGzip(), fs.createWriteStream(file, { mode: 0o600, flags: 'wx' }));
  const fd = await fs.promises.open(file, 'r');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

export async function sha256OfFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), bytes };
}

export interface ArchiveExpectation {
  firstSeq: number;
  rows: number;
  firstPrevHash: string;
  /** The MAC of the row before the first (the previous archive's lastMac), null when unkeyed. */
  firstPrevMac: string | null;
  lastHash: string;
  lastMac: string | null;
}

/**
 * Reads an archive file back and checks every row: seq order without gaps from firstSeq, each row
 * linked to the one before (the first to firstPrevHash), each hash recomputed, each MAC recomputed
 * with the keyring (a key not in it is a problem), the row count and the last hash and MAC. Answers
 * the problems (at most 20 named, then a count) and the hashes of the `wanted` seqs (checkpoints).
 */
export async function checkArchiveFile(
  file: string,
  exp: ArchiveExpectation,
  keyring: AuditKeyring | null,
  opts: { wanted?: Set<number>; onRow?: (done: number) => void } = {},
): Promise<{ problems: AuditProblem[]; hashes: Map<number, string> }> {
  const problems: AuditProblem[] = [];
  const hashes = new Map<number, string>();
  let more = 0;
  const problem = (seq: number, detail: string) => {
    if (problems.length < 20)
      problems.push({ seq, problem: 'archive_tampered', detail: `${file}: ${detail}` });
    else more++;
  };
  let prevSeq = exp.firstSeq - 1;
  let prevHash = exp.firstPrevHash;
  let prevMac = exp.firstPrevMac;
  let keyedEra = exp.firstPrevMac !== null;
  let n = 0;
  try {
    const rl = readline.createInterface({
      input: fs.createReadStream(file).pipe(zlib.createGunzip()),
      crlfDelay: Infinity,
    });
    for await (const line of rl) {
      if (!line) continue;
      let r: ArchivedRow;
      try {
        r = JSON.parse(line) as ArchivedRow;
      } catch {
        problem(prevSeq + 1, `line ${n + 1} is not JSON`);
        break;
      }
      n++;
      const seq = Number(r.seq);
      if (seq !== prevSeq + 1) problem(seq, `expected seq ${prevSeq + 1}, found ${seq}`);
      if (r.prev_hash !== prevHash) problem(seq, 'prev_hash does not match the previous row');
      const fields = auditChainFields(r);
      if (auditHash(fields) !== r.hash) problem(seq, 'row content does not match its hash');
      if (r.mac === null) {
        if (keyedEra) problem(seq, 'no MAC on a row after the keyed era began');
      } else {
        keyedEra = true;
        if (keyring) {
          const key = keyring.byId.get(r.mac_key ?? '');
          if (!key) problem(seq, `signed with key ${r.mac_key}, not configured`);
          else if (rowMac(key, prevMac ?? prevHash, fields, r.hash) !== r.mac)
            problem(seq, 'row or chain does not match its HMAC');
        }
      }
      if (opts.wanted?.has(seq)) hashes.set(seq, r.hash);
      prevSeq = seq;
      prevHash = r.hash;
      prevMac = r.mac;
      opts.onRow?.(n);
    }
  } catch (e) {
    problem(prevSeq + 1, `unreadable (${(e as Error).message})`);
  }
  if (n !== exp.rows) problem(prevSeq, `holds ${n} rows, the archive registered ${exp.rows}`);
  if (prevHash !== exp.lastHash || prevMac !== exp.lastMac)
    problem(prevSeq, 'the last row is not the one the archive registered');
  if (more) problems.push({ seq: prevSeq, problem: 'archive_tampered', detail: `${file}: ${more} more` });
  return { problems, hashes };
}
