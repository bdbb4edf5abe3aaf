import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestEnv, type TestEnv } from '../testing/harness.js';
import { loadConfig } from './config.js';
import type { DB } from './db-types.js';
import { auditEvent, auditHash, verifyAuditChain } from './audit.js';
import { activeAuditKeyring, makeKeyring, rowMac, type AuditKeyring } from './audit-key.js';
import { verifyCheckpoints, writeCheckpoint } from './audit-checkpoint.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transferone-audit-anchor-'));
const cpFile = path.join(tmp, 'audit-checkpoints.jsonl');
const KEY = 'k'.repeat(20) + 'test-key-of-the-anchor-test';
let env: TestEnv;
let db: Kysely<DB>;
beforeAll(async () => {
  const base = loadConfig({ DATA_DIR: tmp, AUDIT_HMAC_KEY: KEY });
  env = await createTestEnv({ audit: base.audit });
  db = env.platform.ctx.db;
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * The attacker of issue 10: switches off the append-only trigger, edits one row and recomputes
 * every later SHA-256 (and, when handed the key, every MAC) the way the server would, then the head.
 */
async function rewriteFrom(seq: number, edit: Record<string, unknown>, key?: AuditKeyring) {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = rows[seq - 2];
  for (const r of rows.slice(seq - 1)) {
    const f = {
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
      prev_hash: prev.hash,
      ...(Number(r.seq) === seq ? edit : {}),
    };
    const hash = auditHash(f);
    const mac = key ? rowMac(key.current, prev.mac ?? prev.hash, f, hash) : r.mac;
    await db
      .updateTable('audit_log')
      .set({ after: JSON.stringify(f.after), prev_hash: f.prev_hash, hash, mac })
      .where('seq', '=', f.seq)
      .execute();
    prev = { ...r, hash, mac };
  }
  await db.updateTable('audit_chain_head').set({ last_hash: prev.hash, last_mac: prev.mac }).execute();
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
}

async function writeRows(n: number) {
  for (let i = 0; i < n; i++)
    await auditEvent(db, { actor: { id: 'u1' }, action: 'test.write', objectId: String(i), after: { n: i } });
}

describe('anchored audit chain (issue 10, fix first 5)', () => {
  it('signs every row with the key held outside the database', async () => {
    await writeRows(6);
    const rows = await db.selectFrom('audit_log').select(['mac', 'mac_key']).execute();
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.mac ?? ''))).toBe(true);
    expect(new Set(rows.map((r) => r.mac_key))).toEqual(new Set([activeAuditKeyring()!.current.id]));
    const v = await verifyAuditChain(db);
    expect(v).toMatchObject({ problems: [], rows: 6, macRows: 6, unkeyedRows: 0 });
    const cp = await writeCheckpoint(db, activeAuditKeyring()!, cpFile, new Date());
    expect(cp?.seq).toBe(6);
    expect(await writeCheckpoint(db, activeAuditKeyring()!, cpFile, new Date())).toBeNull();
    expect((await verifyCheckpoints(db, activeAuditKeyring(), cpFile)).problems).toEqual([]);
    await writeRows(4);
  });

  it('a rewritten tail with every SHA-256 recomputed passes the hash-only check but fails the HMAC', async () => {
    await rewriteFrom(8, { after: { n: 999 } });
    const hashOnly = await verifyAuditChain(db, undefined, null);
    expect(hashOnly.problems).toEqual([]); // what audit-verify saw before the key
    const v = await verifyAuditChain(db);
    expect(v.problems.map((p) => [p.seq, p.problem])).toEqual([
      [8, 'mac_mismatch'],
      [9, 'mac_mismatch'],
      [10, 'mac_mismatch'],
    ]);
  });

  it('an attacker holding the key passes the HMAC but not the checkpoint', async () => {
    const stolen = makeKeyring(KEY);
    await rewriteFrom(3, { after: { n: -1 } }, stolen);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
    const c = await verifyCheckpoints(db, activeAuditKeyring(), cpFile);
    expect(c.problems.map((p) => [p.seq, p.problem])).toEqual([[6, 'checkpoint_mismatch']]);
  });

  it('a chain cut below the last checkpoint is found, and a forged checkpoint line too', async () => {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    await sql`delete from audit_log where seq >= 5`.execute(db);
    const last = await db
      .selectFrom('audit_log')
      .select(['hash', 'mac'])
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('audit_chain_head')
      .set({ last_seq: 4, last_hash: last.hash, last_mac: last.mac })
      .execute();
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
    fs.appendFileSync(
      cpFile,
      `${JSON.stringify({ seq: 4, hash: last.hash, at: 'x', key: 'k', mac: '00' })}\n`,
    );
    const c = await verifyCheckpoints(db, activeAuditKeyring(), cpFile);
    expect(c.problems.map((p) => [p.seq, p.problem])).toEqual([
      [6, 'checkpoint_truncated'],
      [4, 'checkpoint_forged'],
    ]);
  });
});
