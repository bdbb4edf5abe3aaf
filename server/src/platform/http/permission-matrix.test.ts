import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, loginAs } from '../../testing/factories.js';
import { buildHttpApp, routeTable, type RouteEntry } from './app.js';
import {
  AUTHENTICATED,
  PUBLIC,
  allPermissions,
  permissionDef,
  roleHasPermission,
  type PermissionProfile,
} from '../permissions.js';
import { ADMIN_ROLES, ROLE_NAMES, type Role } from '../roles.js';

/**
 * The route × role matrix: every route the app registers is called by a user holding each role
 * (and by nobody). A role the registry grants the route's permission must pass the permission gate;
 * every other role must get 403 `forbidden`; anonymous callers get 401 on every non-public route.
 * Routes come from the running app, so a new route is in the matrix the moment it exists.
 */
let env: TestEnv;
let mlpsEnv: TestEnv;
let routes: RouteEntry[];
const cookies = new Map<Role, string>();
const mlpsCookies = new Map<Role, string>();

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
  // SECURITY_PROFILE=mlps3 moves permissions only between the three admin roles (checked below),
  // so the profile's matrix runs those three.
  mlpsEnv = await createTestEnv({ securityProfile: 'mlps3' });
  for (const role of ADMIN_ROLES) {
    await createUser(mlpsEnv, { roles: [role], username: `matrix_${role}` });
    mlpsCookies.set(role, await loginAs(mlpsEnv, `matrix_${role}`));
  }
}, 240_000);
afterAll(async () => {
  await env?.close();
  await mlpsEnv?.close();
});

async function call(r: RouteEntry, cookie?: string, on: TestEnv = env) {
  return on.app.inject({
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

  const runs: Array<[Role, PermissionProfile]> = [
    ...ROLE_NAMES.map((r): [Role, PermissionProfile] => [r, undefined]),
    ...ADMIN_ROLES.map((r): [Role, PermissionProfile] => [r, 'mlps3']),
  ];
  for (const [role, profile] of runs) {
    it(`${role}${profile ? ' (mlps3)' : ''}: allowed routes pass the gate, others answer 403`, async () => {
      const wrong: string[] = [];
      for (const r of routes) {
        const res = profile
          ? await call(r, mlpsCookies.get(role), mlpsEnv)
          : await call(r, cookies.get(role));
        const body = /^application\/(problem\+)?json/.test(String(res.headers['content-type'] ?? ''))
          ? res.json()
          : {};
        const allowed =
          r.permission === PUBLIC ||
          r.permission === AUTHENTICATED ||
          roleHasPermission(role, r.permission!, profile);
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

  it('mlps3 separates the three admins: system admin runs, security admin grants, audit admin audits', () => {
    const held = (role: Role, profile: PermissionProfile) =>
      allPermissions()
        .filter(([n]) => roleHasPermission(role, n, profile))
        .map(([n]) => n);
    // the profile takes permissions only from admin roles, never from anyone else
    for (const [n, d] of allPermissions())
      for (const r of d.notUnderMlps3 ?? []) expect(ADMIN_ROLES, `${n}: ${r}`).toContain(r);
    const sys = held('systemAdmin', 'mlps3');
    expect(sys.filter((n) => n.startsWith('audit.'))).toEqual([]);
    expect(sys).not.toContain('user.grantRoles');
    expect(sys).not.toContain('user.unlock');
    expect(sys).toEqual(expect.arrayContaining(['user.create', 'user.update', 'settings.read', 'job.read']));
    expect(held('securityAdmin', 'mlps3')).toEqual(
      expect.arrayContaining(['user.grantRoles', 'user.unlock', 'settings.read']),
    );
    expect(held('securityAdmin', 'mlps3').filter((n) => n.startsWith('audit.'))).toEqual([]);
    // besides what every role holds (files, whose access is checked per object)
    const everyone = (n: string) => ROLE_NAMES.every((r) => roleHasPermission(r, n as never, 'mlps3'));
    expect(held('auditAdmin', 'mlps3').filter((n) => !everyone(n))).toEqual([
      'audit.export',
      'audit.read',
      'audit.verify',
    ]);
    // off the profile the system admin keeps what it held before
    expect(held('systemAdmin', undefined)).toEqual(
      expect.arrayContaining(['audit.read', 'audit.verify', 'user.grantRoles', 'user.unlock']),
    );
  });
});
