import { sql, type Kysely } from 'kysely';
import type { DB } from './db-types.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { maskPersonal } from './mask.js';
import { activeAuditKeyring, rowMac, type AuditKeyring } from './audit-key.js';

export interface AuditActor {
  id: string | null;
  orgId?: string | null;
  label?: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  /** `resource.action`, e.g. `org.create`, `auth.login`, `permission.denied`. */
  action: string;
  objectType?: string;
  objectId?: string;
  result?: 'ok' | 'denied' | 'failed';
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

interface ChainFields {
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
}

/** A stored row (from the table or an archive file) as the fields its hash and MAC cover. */
export function auditChainFields(r: {
  seq: number | string;
  at: Date | string;
  actor_id: string | null;
  actor_org_id: string | null;
  actor_label: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
  prev_hash: string;
}): ChainFields {
  return {
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
  };
}

export function auditHash(f: ChainFields): string {
  return sha256Hex(canonicalJson(f));
}

const norm = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(maskPersonal(v))));

/**
 * Appends one record to the hash chain. Call it with the transaction that makes the change,
 * so the record and the change commit or roll back together. Appends are serialised by a row
 * lock on the chain head.
 */
export async function appendAudit(trx: Kysely<DB>, e: AuditEntry): Promise<{ seq: number; hash: string }> {
  const head = await sql<{
    last_seq: number;
    last_hash: string;
    last_mac: string | null;
  }>`select last_seq, last_hash, last_mac from audit_chain_head where id = 1 for update`.execute(trx);
  const { last_seq, last_hash, last_mac } = head.rows[0];
  const fields: ChainFields = {
    seq: Number(last_seq) + 1,
    at: new Date().toISOString(),
    actor_id: e.actor.id,
    actor_org_id: e.actor.orgId ?? null,
    actor_label: e.actor.label ?? null,
    ip: e.actor.ip ?? null,
    action: e.action,
    object_type: e.objectType ?? null,
    object_id: e.objectId ?? null,
    result: e.result ?? 'ok',
    before: norm(e.before),
    after: norm(e.after),
    detail: norm(e.detail),
    prev_hash: last_hash,
  };
  const hash = auditHash(fields);
  const key = activeAuditKeyring()?.current;
  const mac = key ? rowMac(key, last_mac ?? last_hash, fields, hash) : null;
  await trx
    .insertInto('audit_log')
    .values({
      ...fields,
      result: fields.result as 'ok',
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      detail: fields.detail === null ? null : JSON.stringify(fields.detail),
      hash,
      mac,
      mac_key: key?.id ?? null,
    })
    .execute();
  await trx
    .updateTable('audit_chain_head')
    .set({ last_seq: fields.seq, last_hash: hash, last_mac: mac })
    .where('id', '=', 1)
    .execute();
  return { seq: fields.seq, hash };
}

/** Records a security event on its own (a failed login, a denial): its own small transaction. */
export async function auditEvent(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, e).then(() => undefined));
}

/**
 * Audit retention (MLPS level 3 asks ≥ 180 days, GB/T 22239-2019 8.1.4.3 c): the append-only
 * triggers refuse UPDATE, DELETE and TRUNCATE for every role, the owner included, except the delete
 * of a range archived in the same transaction (audit-archive.ts, migration 0049), which the
 * database itself refuses for rows younger than AUDIT_MIN_RETENTION_DAYS. This reports whether both
 * triggers are in place and enabled (the mlps3 profile refuses to start without them), the age of
 * the oldest row and how much has been archived.
 */
export const AUDIT_MIN_RETENTION_DAYS = 180;

export async function auditRetention(db: Kysely<DB>): Promise<{
  appendOnly: boolean;
  triggers: string[];
  oldestAt: string | null;
  rows: number;
  archives: number;
  archivedUpTo: number;
}> {
  const t = await sql<{ tgname: string }>`
    select tgname from pg_trigger
    where tgrelid = 'audit_log'::regclass and tgenabled <> 'D'
      and tgname in ('audit_log_no_update', 'audit_log_no_truncate')
    order by tgname`.execute(db);
  const o = await sql<{ at: Date | string | null; n: string | number }>`
    select min(at) as at, count(*) as n from audit_log`.execute(db);
  const a = await sql<{ n: string | number; last: string | number | null }>`
    select count(*) as n, max(last_seq) as last from audit_archives`.execute(db);
  const triggers = t.rows.map((r) => r.tgname);
  const oldest = o.rows[0]?.at;
  return {
    archives: Number(a.rows[0]?.n ?? 0),
    archivedUpTo: Number(a.rows[0]?.last ?? 0),
    appendOnly: triggers.length === 2,
    triggers,
    oldestAt: oldest ? new Date(oldest).toISOString() : null,
    rows: Number(o.rows[0]?.n ?? 0),
  };
}

/** Throws (zh + en) unless both append-only triggers are in place: the mlps3 profile's start-up check. */
export async function assertAuditAppendOnly(db: Kysely<DB>): Promise<void> {
  const r = await auditRetention(db);
  if (r.appendOnly) return;
  const found = r.triggers.join(', ');
  throw new Error(
    `等保三级配置要求审计日志只能追加，但触发器缺失或已停用（现有：${found || '无'}）/ ` +
      `SECURITY_PROFILE=mlps3 needs the audit log's append-only triggers; found: ${found || 'none'}`,
  );
}

export interface AuditProblem {
  seq: number;
  problem:
    | 'hash_mismatch'
    | 'broken_link'
    | 'gap'
    | 'head_mismatch'
    | 'mac_mismatch'
    | 'mac_missing'
    | 'mac_key_unknown'
    | 'checkpoint_mismatch'
    | 'checkpoint_truncated'
    | 'checkpoint_forged'
    | 'checkpoint_unreadable'
    | 'archive_forged'
    | 'archive_gap'
    | 'archive_broken_link'
    | 'archive_missing'
    | 'archive_tampered'
    | 'archive_manifest_mismatch';
  detail: string;
}

export interface AuditVerifyResult {
  rows: number;
  problems: AuditProblem[];
  /** Rows before the first keyed row (written before a key existed): SHA-256 only. */
  unkeyedRows: number;
  /** Rows whose MAC was checked with the key (0 when no keyring was given). */
  macRows: number;
  /** The last archived row (the chain's genesis after a prune; seq 0 and GENESIS_HASH before any). */
  archivedUpTo: { seq: number; hash: string };
}

/**
 * Where the live chain starts: after the newest archive (migration 0049), its last row's hash and
 * MAC; before any archive, seq 0 and the genesis hash. audit_archives' own signatures, files and
 * links are checked by verifyAuditArchives (audit-archive-verify.ts).
 */
export async function auditChainStart(
  db: Kysely<DB>,
): Promise<{ seq: number; hash: string; mac: string | null }> {
  const a = await db
    .selectFrom('audit_archives')
    .select(['last_seq', 'last_hash', 'last_mac'])
    .orderBy('last_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return a
    ? { seq: Number(a.last_seq), hash: a.last_hash, mac: a.last_mac }
    : { seq: 0, hash: GENESIS_HASH, mac: null };
}

/**
 * Walks the live chain in order from the archived boundary (auditChainStart), recomputing every hash and, with a keyring (default: the process's),
 * every MAC; reports each row that does not verify. Once one row carries a MAC, every later row
 * must carry one too (an unkeyed row after the keyed era began is `mac_missing`).
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  onProgress?: (done: number, total: number) => void,
  keyring: AuditKeyring | null = activeAuditKeyring(),
): Promise<AuditVerifyResult> {
  const total = Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const problems: AuditProblem[] = [];
  const start = await auditChainStart(db);
  let prevHash = start.hash;
  let prevMac: string | null = start.mac;
  let prevSeq = start.seq;
  let done = 0;
  let keyedEra = start.mac !== null;
  let unkeyedRows = 0;
  let macRows = 0;
  const batch = 2000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', prevSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== prevSeq + 1)
        problems.push({ seq, problem: 'gap', detail: `expected seq ${prevSeq + 1}, found ${seq}` });
      if (r.prev_hash !== prevHash)
        problems.push({ seq, problem: 'broken_link', detail: 'prev_hash does not match the previous row' });
      const fields = auditChainFields(r);
      if (auditHash(fields) !== r.hash)
        problems.push({ seq, problem: 'hash_mismatch', detail: 'row content does not match its hash' });
      if (r.mac === null) {
        if (keyedEra)
          problems.push({ seq, problem: 'mac_missing', detail: 'no MAC on a row after the keyed era began' });
        else unkeyedRows++;
      } else {
        keyedEra = true;
        const key = keyring?.byId.get(r.mac_key ?? '');
        if (keyring && !key)
          problems.push({
            seq,
            problem: 'mac_key_unknown',
            detail: `signed with key ${r.mac_key}, not configured`,
          });
        else if (key) {
          macRows++;
          if (rowMac(key, prevMac ?? prevHash, fields, r.hash) !== r.mac)
            problems.push({ seq, problem: 'mac_mismatch', detail: 'row or chain does not match its HMAC' });
        }
      }
      prevHash = r.hash;
      prevMac = r.mac;
      prevSeq = seq;
      done++;
    }
    onProgress?.(done, total);
  }
  const head = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && (Number(head.last_seq) !== prevSeq || head.last_hash !== prevHash)) {
    problems.push({
      seq: prevSeq,
      problem: 'head_mismatch',
      detail: `chain head says seq ${head.last_seq}; the log ends at ${prevSeq} (rows removed or added)`,
    });
  }
  return { rows: done, problems, unkeyedRows, macRows, archivedUpTo: { seq: start.seq, hash: start.hash } };
}
