import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from './db-types.js';
import type { AuditProblem } from './audit.js';
import { canonicalJson } from './canonical.js';
import { hmacHex, type AuditKeyring } from './audit-key.js';

/**
 * Signed checkpoints of the audit chain head, written outside the database (issue 10, fix first 5):
 * one JSON line per checkpoint appended to AUDIT_CHECKPOINT_FILE and the same line to the log.
 * Someone who holds the key and rewrites the database still cannot change a row at or before a
 * checkpoint, nor cut the chain below it, without `audit-verify` naming it, unless they can also
 * rewrite the file and every copy of the log.
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  key: string;
  /** HMAC-SHA256 over the other fields (canonical JSON). */
  mac: string;
}

const signed = (c: Omit<AuditCheckpoint, 'mac'>) =>
  canonicalJson({ v: 1, seq: c.seq, hash: c.hash, at: c.at, key: c.key });

export function readCheckpoints(file: string): { checkpoints: AuditCheckpoint[]; problems: AuditProblem[] } {
  const checkpoints: AuditCheckpoint[] = [];
  const problems: AuditProblem[] = [];
  if (!fs.existsSync(file)) return { checkpoints, problems };
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const c = JSON.parse(line) as AuditCheckpoint;
      if (!Number.isInteger(c.seq) || typeof c.hash !== 'string' || typeof c.mac !== 'string')
        throw new Error();
      checkpoints.push(c);
    } catch {
      problems.push({
        seq: 0,
        problem: 'checkpoint_unreadable',
        detail: `${file} line ${i + 1} is not a checkpoint`,
      });
    }
  });
  return { checkpoints, problems };
}

/**
 * Writes a checkpoint of the current head unless the last one in the file already names it.
 * Answers the checkpoint written, or null when nothing changed since the last one.
 */
export async function writeCheckpoint(
  db: Kysely<DB>,
  keyring: AuditKeyring,
  file: string,
  now: Date,
  log?: (line: string) => void,
): Promise<AuditCheckpoint | null> {
  const head = await db
    .selectFrom('audit_chain_head')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const seq = Number(head.last_seq);
  const last = readCheckpoints(file).checkpoints.at(-1);
  if (last && last.seq === seq && last.hash === head.last_hash) return null;
  const body = { seq, hash: head.last_hash, at: now.toISOString(), key: keyring.current.id };
  const cp: AuditCheckpoint = { ...body, mac: hmacHex(keyring.current, signed(body)) };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(cp)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  log?.(JSON.stringify({ msg: 'audit.checkpoint', ...cp }));
  return cp;
}

/**
 * Checks every checkpoint against the database: its own MAC, that its row still exists (a chain
 * shorter than a checkpoint was cut) and that the row's hash is still the one checkpointed. A
 * checkpoint at or below `archived.upTo` names a row that was archived and pruned: it is compared
 * with the hash the archives hold for it (`archived.hashes`), when they were read.
 */
export async function verifyCheckpoints(
  db: Kysely<DB>,
  keyring: AuditKeyring | null,
  file: string,
  archived?: { upTo: number; hashes: Map<number, string> },
): Promise<{ checkpoints: number; problems: AuditProblem[] }> {
  const { checkpoints, problems } = readCheckpoints(file);
  for (const c of checkpoints) {
    const key = keyring?.byId.get(c.key);
    if (!key || hmacHex(key, signed(c)) !== c.mac) {
      problems.push({
        seq: c.seq,
        problem: 'checkpoint_forged',
        detail: key
          ? `checkpoint of ${c.at} does not match its MAC`
          : `checkpoint of ${c.at}: key ${c.key} not configured`,
      });
      continue;
    }
    if (c.seq === 0) continue;
    if (archived && c.seq <= archived.upTo) {
      const h = archived.hashes.get(c.seq);
      if (h !== undefined && h !== c.hash)
        problems.push({
          seq: c.seq,
          problem: 'checkpoint_mismatch',
          detail: `checkpoint of ${c.at} recorded hash ${c.hash.slice(0, 12)}…, the archive has ${h.slice(0, 12)}…`,
        });
      continue;
    }
    const row = await db.selectFrom('audit_log').select('hash').where('seq', '=', c.seq).executeTakeFirst();
    if (!row)
      problems.push({
        seq: c.seq,
        problem: 'checkpoint_truncated',
        detail: `checkpoint of ${c.at} names seq ${c.seq}; the log no longer has it (rows removed)`,
      });
    else if (row.hash !== c.hash)
      problems.push({
        seq: c.seq,
        problem: 'checkpoint_mismatch',
        detail: `checkpoint of ${c.at} recorded hash ${c.hash.slice(0, 12)}…, the row now has ${row.hash.slice(0, 12)}…`,
      });
  }
  return { checkpoints: checkpoints.length, problems };
}
