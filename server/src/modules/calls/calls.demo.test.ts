import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { seedProgrammeDemo } from './calls.demo.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

it('seeds the 2023 guide once, published with an open window', async () => {
  const a = await seedProgrammeDemo(env.platform.ctx);
  expect(a.created).toBe(true);
  const again = await seedProgrammeDemo(env.platform.ctx);
  expect(again).toEqual({ callId: a.callId, created: false });
  const open = await env.app.inject({ method: 'GET', url: '/api/calls/open' });
  expect(open.json().items.map((c: { id: string }) => c.id)).toEqual([a.callId]);
  const pub = (await env.app.inject({ method: 'GET', url: `/api/calls/${a.callId}/public` })).json();
  expect(pub.deadline).toBe('open');
  expect(pub.directions).toHaveLength(4);
  expect(pub.closesAt).toMatch(/T16:30:00\+08:00$/);
});
