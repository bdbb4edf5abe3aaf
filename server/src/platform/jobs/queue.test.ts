import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { DEAD_SUFFIX, JobQueue } from './queue.js';

let env: TestEnv;
let q: JobQueue;
beforeAll(async () => {
  env = await createTestEnv();
  const ctx = env.platform.ctx;
  q = new JobQueue(ctx.db, ctx.dbKind, { run: true, pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await q?.stop();
  await env?.close();
});

async function until<T>(fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('JobQueue over pg-boss', () => {
  it("installs pg-boss's schema through our connection", async () => {
    await q.start();
    const r = await sql<{ version: number }>`select version from pgboss.version`.execute(env.platform.ctx.db);
    expect(r.rows[0].version).toBeGreaterThan(20);
  });

  it('runs a job', async () => {
    const seen: unknown[] = [];
    await q.work('test.ok', async (job) => {
      seen.push(job.data);
    });
    const id = await q.send('test.ok', { n: 1 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await until(async () => seen.length === 1);
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('retries a failing job, then moves it to the dead-letter queue', async () => {
    const attempts: number[] = [];
    await q.work('test.fail', async (job) => {
      attempts.push(job.retryCount);
      throw new Error('boom 失败');
    });
    await q.send(
      'test.fail',
      { phone: '13812345678' },
      { retryLimit: 2, retryDelay: 0, retryBackoff: false },
    );
    const dead = await until(async () => {
      const r = await sql<{ data: any; output: any }>`
        select data, output from pgboss.job where name = ${'test.fail' + DEAD_SUFFIX}`.execute(
        env.platform.ctx.db,
      );
      return r.rows[0];
    });
    expect(attempts).toEqual([0, 1, 2]);
    expect(dead.data).toEqual({ phone: '13812345678' });
    expect(dead.output.message).toBe('boom 失败');
  });

  it('stores a job while not running, and works it once started', async () => {
    const ctx = env.platform.ctx;
    const store = new JobQueue(ctx.db, ctx.dbKind, { run: false });
    const seen: unknown[] = [];
    await store.work('test.later', async (job) => {
      seen.push(job.data);
    });
    await store.send('test.later', { x: 'kept' });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
    await store.start(true);
    await until(async () => seen.length === 1);
    expect(seen).toEqual([{ x: 'kept' }]);
    await store.stop();
  });

  it('enqueues inside a transaction: rolled back, the job is gone', async () => {
    const db = env.platform.ctx.db;
    await expect(db.transaction().execute((trx) => q.send('test.unknown', {}, { db: trx }))).rejects.toThrow(
      /does not exist yet/,
    );
    await q.ensureQueue('test.tx');
    await expect(
      db.transaction().execute(async (trx) => {
        await q.send('test.tx', { a: 1 }, { db: trx });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await db.transaction().execute(async (trx) => {
      await q.send('test.tx', { a: 2 }, { db: trx });
    });
    const r = await sql<{ data: any }>`select data from pgboss.job where name = 'test.tx'`.execute(db);
    expect(r.rows.map((x) => x.data)).toEqual([{ a: 2 }]);
  });

  it('registers cron schedules in Asia/Shanghai', async () => {
    await q.work('test.cron', async () => undefined);
    await q.schedule('test.cron', '0 3 * * *', { k: 1 });
    const schedules = await q.raw!.getSchedules();
    expect(schedules.find((s) => s.name === 'test.cron')).toMatchObject({
      cron: '0 3 * * *',
      data: { k: 1 },
    });
    const r = await sql<{
      timezone: string;
    }>`select timezone from pgboss.schedule where name = 'test.cron'`.execute(env.platform.ctx.db);
    expect(r.rows[0].timezone).toBe('Asia/Shanghai');
  });
});
