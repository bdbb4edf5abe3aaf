/**
 * GET /api/auth/session (issue 11, console errors): the web's first call on every page answers 200
 * with `me: null` for an anonymous visitor (so the browser logs no 401), and the signed-in user's Me
 * otherwise, also during a forced password change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, loginAs } from '../../testing/factories.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
}, 300_000);
afterAll(async () => env?.close());

describe('GET /api/auth/session', () => {
  it('answers 200 with me null when anonymous, and with a bad cookie', async () => {
    for (const headers of [{}, { cookie: 'to_session=nonsense' }]) {
      const res = await env.app.inject({ method: 'GET', url: '/api/auth/session', headers });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ me: null });
    }
  });

  it('answers the signed-in user, as /api/auth/me does', async () => {
    const u = await createUser(env, { roles: ['projectLead'], name: '会话测试人' });
    const cookie = await loginAs(env, u);
    const res = await env.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(res.json().me).toEqual(me.json());
    expect(res.json().me).toMatchObject({ id: u.user.id, name: '会话测试人' });
  });
});
