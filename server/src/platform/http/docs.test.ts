// /api/docs is served by @fastify/swagger-ui through @fastify/static 10, whose content-disposition
// is pinned to 2.0.1 (package.json overrides: 3.x needs Node 22, engines promises >=20.19).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('/api/docs', () => {
  it('serves the Swagger UI page and its static assets', async () => {
    const entry = await env.app.inject({ method: 'GET', url: '/api/docs/static/index.html' });
    expect(entry.statusCode).toBe(302);
    const page = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('swagger');
    const bundle = await env.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });

  it('serves the OpenAPI document with the API routes', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/'))).toBe(true);
  });
});
