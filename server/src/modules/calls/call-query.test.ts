import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';

/**
 * Found by platform/http/fuzz.test.ts (seed 20240611, cases 189 and 417): GET /api/calls with a year
 * beyond PostgreSQL's integer answered 500 ("integer out of range"); it is refused at the schema.
 */
let env: TestEnv;
let cookie: string;
beforeAll(async () => {
  env = await createTestEnv();
  cookie = await loginAs(env, ['commissionStaff']);
}, 60_000);
afterAll(async () => env?.close());

describe('GET /api/calls ?year', () => {
  it('a year outside 1900–2200 answers 400 naming querystring.year', async () => {
    for (const year of ['-9007199254575719', '2147483648', '99999']) {
      const res = await env.app.inject({
        method: 'GET',
        url: `/api/calls?year=${year}`,
        headers: { cookie },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: any) => e.field)).toEqual(['querystring.year']);
    }
  });

  it('a plausible year still lists', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/calls?year=2026', headers: { cookie } });
    expect(res.statusCode).toBe(200);
  });
});
