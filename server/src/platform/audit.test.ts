import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../testing/harness.js';
import { appendAudit, auditEvent, verifyAuditChain } from './audit.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('audit hash chain', () => {
  it('appends in order, links each record to the previous one and verifies', async () => {
    const db = env.platform.ctx.db;
    for (let i = 0; i < 5; i++) {
      await auditEvent(db, {
        actor: { id: 'u1', label: '张三' },
        action: 'test.write',
        objectType: 'thing',
        objectId: String(i),
        before: { n: i },
        after: { n: i + 1, phone: '13812345678', nested: { b: 1, a: [1, 'x'] } },
      });
    }
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect((rows[0].after as any).phone).toBe('138****5678');
    const v = await verifyAuditChain(db);
    expect(v.problems).toEqual([]);
    expect(v.rows).toBe(5);
  });

  it('rolls back with the transaction that made the change', async () => {
    const db = env.platform.ctx.db;
    const before = await verifyAuditChain(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actor: { id: 'u1' }, action: 'test.rollback' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await verifyAuditChain(db);
    expect(after.rows).toBe(before.rows);
    expect(after.problems).toEqual([]);
  });

  it('refuses UPDATE and DELETE through SQL', async () => {
    const db = env.platform.ctx.db;
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('the app role may append and read but holds no UPDATE or DELETE privilege', async () => {
    const db = env.platform.ctx.db;
    await db.connection().execute(async (conn) => {
      await sql`set role transferone_app`.execute(conn);
      try {
        await sql`select count(*) from audit_log`.execute(conn);
        await expect(sql`delete from audit_log where seq = 1`.execute(conn)).rejects.toThrow(
          /permission denied for table audit_log/,
        );
        await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(conn)).rejects.toThrow(
          /permission denied for table audit_log/,
        );
      } finally {
        await sql`reset role`.execute(conn);
      }
    });
  });

  it('finds a tampered row when the trigger is bypassed', async () => {
    const db = env.platform.ctx.db;
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    await sql`update audit_log set detail = '{"forged":true}'::jsonb where seq = 3`.execute(db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
    const v = await verifyAuditChain(db);
    expect(v.problems.map((p) => [p.seq, p.problem])).toEqual([[3, 'hash_mismatch']]);
  });
});
