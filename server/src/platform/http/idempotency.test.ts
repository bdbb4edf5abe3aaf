import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs, randomUscc } from '../../testing/factories.js';
import { IDEMPOTENCY_IN_PROGRESS_LEASE_MS } from './idempotency.js';

let env: TestEnv;
let cookie: string;
beforeAll(async () => {
  env = await createTestEnv();
  cookie = await loginAs(env, ['systemAdmin']);
}, 120_000);
afterAll(async () => env?.close());

const createOrg = (key: string, payload: Record<string, unknown>) =>
  env.app.inject({
    method: 'POST',
    url: '/api/orgs',
    headers: { cookie, 'idempotency-key': key },
    payload,
  });
const orgCount = async () =>
  Number(
    (await env.platform.ctx.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst())!.n,
  );

describe('Idempotency-Key', () => {
  it('a replay returns the first answer and changes nothing', async () => {
    const body = { name: '幂等测试大学', type: 'university', uscc: randomUscc(), region: '上海市徐汇区' };
    const before = await orgCount();
    const first = await createOrg('key-create-org-0001', body);
    expect(first.statusCode).toBe(201);
    const again = await createOrg('key-create-org-0001', body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await orgCount()).toBe(before + 1);
  });

  it('the same key with a different request is refused with 422', async () => {
    const body = { name: '另一所大学', type: 'university', uscc: randomUscc(), region: '上海市杨浦区' };
    expect((await createOrg('key-create-org-0002', body)).statusCode).toBe(201);
    const other = await createOrg('key-create-org-0002', { ...body, name: '改了名字' });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_mismatch');
    expect(other.json().message).toMatch(/幂等键/);
  });

  it('never caches requests or answers that carry secrets (sign-in, initial passwords)', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'idempotency-key': 'key-login-000001' },
      payload: { username: 'nobody', password: 'wrong-password-1' },
    });
    expect(res.statusCode).toBe(401);
    const rows = await env.platform.ctx.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', '=', 'key-login-000001')
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('Idempotency-Key after a crash (issue 10, faults bench)', () => {
  // a kill -9 between the key's insert and its answer leaves the key "in progress" for ever: every
  // retry got 409 idempotency_in_progress until the 24 h purge, so the deadline rush under kills
  // acknowledged 0 of 12 submissions (bench/faults, first run)
  const body = () => ({
    name: '崩溃重试大学',
    type: 'university',
    uscc: randomUscc(),
    region: '上海市徐汇区',
  });
  const scopeOf = async (key: string, payload: Record<string, unknown>) => {
    // the first attempt's row, as a process killed mid-request leaves it: no status, no answer
    const first = await createOrg(key, payload);
    expect(first.statusCode).toBe(201);
    await env.platform.ctx.db
      .updateTable('idempotency_keys')
      .set({ status_code: null, response_body: null, content_type: null })
      .where('key', '=', key)
      .execute();
  };

  it('a key left in progress longer than the lease is taken over by the retry', async () => {
    const payload = body();
    await scopeOf('key-crashed-000001', payload);
    await env.platform.ctx.db
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(Date.now() - IDEMPOTENCY_IN_PROGRESS_LEASE_MS - 5_000) })
      .where('key', '=', 'key-crashed-000001')
      .execute();
    const retry = await createOrg('key-crashed-000001', payload);
    // the retry runs again: the org exists from the first attempt, so the answer is the conflict it
    // gives, not "in progress"
    expect(retry.json().code).not.toBe('idempotency_in_progress');
    const row = await env.platform.ctx.db
      .selectFrom('idempotency_keys')
      .select('status_code')
      .where('key', '=', 'key-crashed-000001')
      .executeTakeFirstOrThrow();
    expect(row.status_code).toBe(retry.statusCode);
  });

  it('a key in progress within the lease still answers 409', async () => {
    const payload = body();
    await scopeOf('key-running-000001', payload);
    const retry = await createOrg('key-running-000001', payload);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().code).toBe('idempotency_in_progress');
  });
});
