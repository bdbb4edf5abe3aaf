import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, loginAs } from '../../testing/factories.js';
import { buildHttpApp, routeTable, type RouteEntry } from './app.js';
import { AUTHENTICATED, PUBLIC, permissionDef, roleHasPermission } from '../permissions.js';
import { ROLE_NAMES, type Role } from '../roles.js';

/**
 * The route × role matrix: every route the app registers is called by a user holding each role
 * (and by nobody). A role the registry grants the route's permission must pass the permission gate;
 * every other role must get 403 `forbidden`; anonymous callers get 401 on every non-public route.
 * Routes come from the running app, so a new route is in the matrix the moment it exists.
 */
let env: TestEnv;
let routes: RouteEntry[];
const cookies = new Map<Role, string>();

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, SAMPLE_ID).replace(/\*$/, 'x');
// Routes that end the caller's session run last for each role.
const sessionEnding = (r: RouteEntry) => /\/auth\/logout$/.test(r.url);

beforeAll(async () => {
  env = await createTestEnv();
  routes = routeTable(env.app)
    .filter((r) => r.url.startsWith('/api/') && r.permission !== undefined)
    .sort((a, b) => Number(sessionEnding(a)) - Number(sessionEnding(b)));
  for (const role of ROLE_NAMES) {
    await createUser(env, { roles: [role], username: `matrix_${role}` });
    cookies.set(role, await loginAs(env, `matrix_${role}`));
  }
}, 240_000);
afterAll(async () => env?.close());

async function call(r: RouteEntry, cookie?: string) {
  return env.app.inject({
    method: r.method as any,
    url: concrete(r.url),
    headers: cookie ? { cookie } : {},
    ...(['POST', 'PUT', 'PATCH'].includes(r.method) ? { payload: {} } : {}),
  });
}

describe('route × role permission matrix', () => {
  it('covers routes, and every route names a registered permission', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      const known =
        r.permission === PUBLIC || r.permission === AUTHENTICATED || !!permissionDef(r.permission!);
      expect(known, `${r.method} ${r.url} → ${r.permission}`).toBe(true);
    }
  });

  it('refuses to start with a route that declares no permission', async () => {
    await expect(
      buildHttpApp(env.platform.ctx, {
        resolveActor: async () => null,
        logger: false,
        modules: [(app) => void app.get('/undeclared', async () => 'x')],
      }),
    ).rejects.toThrow(/undeclared: no permission declared/);
  });

  it('anonymous callers get 401 on every non-public route', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if (r.permission === PUBLIC) continue;
      const res = await call(r);
      if (res.statusCode !== 401) wrong.push(`${r.method} ${r.url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  for (const role of ROLE_NAMES) {
    it(`${role}: allowed routes pass the gate, others answer 403`, async () => {
      const wrong: string[] = [];
      for (const r of routes) {
        const res = await call(r, cookies.get(role));
        const body = res.headers['content-type']?.toString().includes('json') ? res.json() : {};
        const allowed =
          r.permission === PUBLIC || r.permission === AUTHENTICATED || roleHasPermission(role, r.permission!);
        const gateDenied =
          res.statusCode === 403 && body.code === 'forbidden' && body.params?.permission === r.permission;
        if (allowed && (gateDenied || res.statusCode === 401))
          wrong.push(`${r.method} ${r.url}: expected through, got ${res.statusCode} ${body.code}`);
        if (!allowed && !gateDenied)
          wrong.push(`${r.method} ${r.url}: expected 403, got ${res.statusCode} ${body.code}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
