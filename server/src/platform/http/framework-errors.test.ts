import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';

/**
 * Found by fuzz.test.ts (seed 20240611, cases 8 and 90): a path that is not valid percent-encoding
 * and a path parameter past the router's length limit were answered by Fastify's own JSON
 * (`FST_ERR_BAD_URL` 400, `FST_ERR_MAX_PARAM_LENGTH` 414), not problem+json off every schema.
 */
let env: TestEnv;
let cookie: string;
beforeAll(async () => {
  env = await createTestEnv();
  cookie = await loginAs(env, ['commissionStaff']);
}, 60_000);
afterAll(async () => env?.close());

describe('router errors leave as problem+json naming the path', () => {
  it('a lone surrogate byte sequence in the path answers 400 validation_failed', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/orgs/%ED%A0%BD', headers: { cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json();
    expect(p.code).toBe('validation_failed');
    expect(p.errors.map((e: any) => e.field)).toEqual(['params']);
    expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a path parameter of 1,000 characters answers 400 validation_failed', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/orgs/${'x'.repeat(1000)}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: any) => e.field)).toEqual(['params']);
    expect(res.body.length).toBeLessThan(2000);
  });
});
