import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { JobQueue } from './queue.js';
import { PURGE_JOB, purgeExpired, registerBuiltinJobs } from './builtin.js';
import { Mailer } from '../mail/mailer.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('built-in jobs', () => {
  it('purges idempotency keys older than 24 hours and keeps newer ones', async () => {
    const db = env.platform.ctx.db;
    const now = new Date('2025-03-01T04:00:00Z');
    const at = (h: number) => new Date(now.getTime() - h * 3_600_000);
    await db
      .insertInto('idempotency_keys')
      .values([
        { key: 'old-key-1', scope: 's', request_hash: 'h', created_at: at(25) } as any,
        { key: 'new-key-1', scope: 's', request_hash: 'h', created_at: at(23) } as any,
      ])
      .execute();
    expect(await purgeExpired(db, now)).toEqual({ idempotencyKeys: 1 });
    const left = await db.selectFrom('idempotency_keys').select('key').where('scope', '=', 's').execute();
    expect(left.map((r) => r.key)).toEqual(['new-key-1']);
  });

  it('registers the purge and the mail sweep on cron in Asia/Shanghai', async () => {
    const ctx = env.platform.ctx;
    const jobs = new JobQueue(ctx.db, ctx.dbKind, { run: true, pollingIntervalSeconds: 1 });
    try {
      await registerBuiltinJobs(jobs, ctx.db, ctx.now);
      await new Mailer(ctx.db, ctx.config, { jobs }).registerJobs(jobs);
      await jobs.start();
      const r = await sql<{ name: string; cron: string; timezone: string }>`
        select name, cron, timezone from pgboss.schedule order by name`.execute(ctx.db);
      expect(r.rows).toEqual([
        { name: 'mail.outbox-sweep', cron: '* * * * *', timezone: 'Asia/Shanghai' },
        { name: PURGE_JOB, cron: '17 * * * *', timezone: 'Asia/Shanghai' },
      ]);
      // the scheduled job runs the same purge: send one by hand and see it work
      await ctx.db
        .insertInto('idempotency_keys')
        .values({
          key: 'stale-key',
          scope: 'z',
          request_hash: 'h',
          created_at: new Date(Date.now() - 30 * 3_600_000),
        } as any)
        .execute();
      await jobs.send(PURGE_JOB, {});
      const end = Date.now() + 15_000;
      for (;;) {
        const n = await ctx.db
          .selectFrom('idempotency_keys')
          .select('key')
          .where('scope', '=', 'z')
          .execute();
        if (!n.length) break;
        if (Date.now() > end) throw new Error('purge job did not run');
        await new Promise((res) => setTimeout(res, 200));
      }
    } finally {
      await jobs.stop();
    }
  });
});
