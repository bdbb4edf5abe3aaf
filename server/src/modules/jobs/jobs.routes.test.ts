import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';

let env: TestEnv;
let admin: string;

beforeAll(async () => {
  env = await createTestEnv();
  admin = await loginAs(env, ['systemAdmin']);
});
afterAll(async () => env?.close());

/** Waits for pg-boss (which polls) up to `ms`: an upper bound for a loaded machine, not a speed claim. */
async function until<T>(fn: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const get = (url: string, cookie = admin) => env.app.inject({ method: 'GET', url, headers: { cookie } });

describe('jobs admin', () => {
  it('shows the queue as not running and empty before it starts (JOBS=off)', async () => {
    const res = await get('/api/jobs/queues');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ running: false });
    expect((await get('/api/jobs/dead')).json()).toEqual({ items: [], total: 0 });
  });

  it('lists a job that failed all its attempts in the dead-letter view, masked, and retries it', async () => {
    const jobs = env.platform.ctx.jobs!;
    let broken = true;
    const done: unknown[] = [];
    await jobs.work('test.flaky', async (job) => {
      if (broken) throw new Error('下游服务不可用 downstream unavailable');
      done.push(job.data);
    });
    await jobs.start(true);
    await jobs.send(
      'test.flaky',
      { applicantPhone: 'x', phone: '13812345678', ref: 'A-1' },
      { retryLimit: 1, retryDelay: 0, retryBackoff: false },
    );
    const page = await until(async () => {
      const p = (await get('/api/jobs/dead')).json();
      return p.total > 0 && p;
    });
    expect(page.items).toHaveLength(1);
    const item = page.items[0];
    expect(item).toMatchObject({
      queue: 'test.flaky',
      data: { phone: '138****5678', ref: 'A-1' },
      error: '下游服务不可用 downstream unavailable',
      attempts: 2,
    });
    expect(new Date(item.failedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const queues = (await get('/api/jobs/queues')).json();
    expect(queues.running).toBe(true);
    expect(queues.queues.find((q: any) => q.name === 'test.flaky')).toMatchObject({ failed: 1 });
    expect(queues.queues.find((q: any) => q.name === 'test.flaky__dead')).toMatchObject({ created: 1 });

    // only job.retry holders may retry; others are refused
    const lead = await loginAs(env, ['projectLead']);
    expect((await get('/api/jobs/dead', lead)).statusCode).toBe(403);
    const denied = await env.app.inject({
      method: 'POST',
      url: `/api/jobs/dead/${item.id}/retry`,
      headers: { cookie: lead },
    });
    expect(denied.statusCode).toBe(403);

    broken = false;
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/jobs/dead/${item.id}/retry`,
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ queue: 'test.flaky' });
    await until(async () => done.length === 1);
    expect(done).toEqual([{ applicantPhone: 'x', phone: '13812345678', ref: 'A-1' }]);
    expect((await get('/api/jobs/dead')).json().total).toBe(0);
    const again = await env.app.inject({
      method: 'POST',
      url: `/api/jobs/dead/${item.id}/retry`,
      headers: { cookie: admin },
    });
    expect(again.statusCode).toBe(404);

    const audit = await env.platform.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'job.retry')
      .where('object_id', '=', item.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({
      queue: 'test.flaky',
      error: '下游服务不可用 downstream unavailable',
    });
  }, 150_000); // pg-boss polls; on a loaded machine the dead-lettering and the retry take a while
});
