import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import { routeTable, type RouteEntry } from './app.js';
import { ROLE_NAMES } from '../roles.js';

/**
 * Issue 10, fix first 3: "Bad input answers 500 on 14 routes, the anonymous login among them: a NUL
 * byte in a string, a lone surrogate (`\ud800`), an empty-string id that skips the existence check.
 * Validate at the schema (strings are valid Unicode without NUL; ids are non-empty and well-formed) so
 * every such input gets 400 with the field named."
 *
 * Every route of the route table is called by a user holding every role (so the permission gate lets
 * it through to validation), with a plausible body built from the route's OpenAPI schema in which one
 * string field at a time carries the bad value; then with a bad value in each query parameter, in each
 * path parameter, and with an empty path id. No answer may be a 5xx.
 */
let env: TestEnv;
let routes: RouteEntry[];
let cookie: string;
let doc: any;

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const BAD: Record<string, string> = { nul: 'a\u0000b', surrogate: 'a\ud800b' };
/** The same, as they arrive percent-encoded in a URL (a lone surrogate as its CESU-8 bytes). */
const BAD_URL = { nul: 'a%00b', surrogate: 'a%ED%A0%80b' } as const;
/** An id field: `callId`, `id`, or an item of `needIds`. */
const isIdField = (p: string[]) => /(^|[a-z])(id|Id)$/.test(p.at(-1) ?? '') || /Ids$/.test(p.at(-2) ?? '');
const sessionEnding = (r: RouteEntry) => /\/auth\/(logout|password|totp)/.test(r.url);

beforeAll(async () => {
  env = await createTestEnv();
  routes = routeTable(env.app)
    .filter((r) => r.url.startsWith('/api/') && r.permission !== undefined && !r.url.includes('*'))
    .sort((a, b) => Number(sessionEnding(a)) - Number(sessionEnding(b)));
  cookie = await loginAs(env, [...ROLE_NAMES]);
  doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
}, 240_000);
afterAll(async () => env?.close());

const deref = (s: any): any => {
  let x = s;
  while (x?.$ref) x = doc.components.schemas[x.$ref.split('/').pop()];
  return x ?? {};
};

/** A value that passes the schema's shape as far as cheaply possible, and the paths of its strings. */
function sample(schema: any, path: string[], strings: string[][], depth = 0): unknown {
  const s = deref(schema);
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((a: any) => deref(a).type !== 'null') ?? alt[0], path, strings, depth);
  if (s.allOf) return sample(s.allOf[0], path, strings, depth);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  if (type === 'string') {
    strings.push(path);
    if (s.format === 'uuid') return SAMPLE_ID;
    if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
    if (s.format === 'date') return '2026-01-01';
    if (s.format === 'email') return 'a@example.cn';
    return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  }
  if (type === 'integer' || type === 'number')
    return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
  if (type === 'boolean') return true;
  if (type === 'array') {
    if (depth > 4) return [];
    const n = Math.max(1, s.minItems ?? 1);
    return Array.from({ length: n }, (_, i) => sample(s.items, [...path, String(i)], strings, depth + 1));
  }
  if (type === 'object' || s.properties) {
    if (depth > 4) return {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {}))
      out[k] = sample(v, [...path, k], strings, depth + 1);
    return out;
  }
  return 'x';
}

function setAt(obj: any, path: string[], value: unknown): any {
  const copy = structuredClone(obj);
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]!] = value;
  return copy;
}

const opOf = (r: RouteEntry) =>
  doc.paths?.[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()] as any;
const concrete = (url: string, value = SAMPLE_ID) => url.replace(/:[A-Za-z]+/g, value);

/** A fault: a 5xx other than the deliberate 501 of an unconfigured feature (OIDC without a provider). */
const fault = (res: { statusCode: number; body: string }) =>
  res.statusCode >= 500 && !(res.statusCode === 501 && res.body.includes('oidc_not_configured'));

async function send(r: RouteEntry, url: string, payload?: unknown) {
  return env.app.inject({
    method: r.method as any,
    url,
    headers: { cookie, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
  });
}

describe('bad input never answers 5xx', () => {
  it('NUL and lone surrogates in every string body field', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const r of routes) {
      const body = opOf(r)?.requestBody?.content?.['application/json']?.schema;
      if (!body) continue;
      const strings: string[][] = [];
      const base = sample(body, [], strings);
      for (const p of strings) {
        const variants = Object.entries(BAD).concat(isIdField(p) ? [['empty', '']] : []);
        for (const [name, bad] of variants) {
          cases++;
          const res = await send(r, concrete(r.url), setAt(base, p, bad));
          if (fault(res)) wrong.push(`${r.method} ${r.url} ${p.join('.')} ${name}: ${res.statusCode}`);
        }
      }
    }
    expect(cases).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  }, 600_000);

  it('NUL and lone surrogates in every query parameter and path parameter, and empty ids', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const op = opOf(r);
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(r.method);
      const payload = hasBody ? {} : undefined;
      for (const q of (op?.parameters ?? []).filter((p: any) => p.in === 'query')) {
        for (const [name, bad] of Object.entries(BAD_URL)) {
          const url = `${concrete(r.url)}?${q.name}=${bad}`;
          const res = await send(r, url, payload);
          if (fault(res)) wrong.push(`${r.method} ${r.url} ?${q.name} ${name}: ${res.statusCode}`);
        }
      }
      if (!r.url.includes('/:')) continue;
      for (const [name, raw] of Object.entries({ ...BAD_URL, empty: '' })) {
        const res = await send(r, concrete(r.url, raw), payload);
        if (fault(res)) wrong.push(`${r.method} ${r.url} params ${name}: ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it('the anonymous login with a NUL username answers 400 naming `username`', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'adm\u0000in', password: 'whatever-pass-1' },
    });
    expect(res.statusCode).toBe(400);
    const p = res.json();
    expect(p.code).toBe('validation_failed');
    expect(p.errors.map((e: any) => e.field)).toContain('username');
    const e = p.errors.find((x: any) => x.field === 'username');
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(e.messageEn).toMatch(/NUL|null character/i);
  });

  it('a NUL in a path id and in a query parameter answers 400 naming `params.id` and `querystring.field`', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/market/needs/a%00b',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: any) => e.field)).toEqual(['params.id']);
    const q = await env.app.inject({
      method: 'GET',
      url: '/api/market/needs?field=a%00b',
      headers: { cookie },
    });
    expect(q.statusCode).toBe(400);
    expect(q.json().errors.map((e: any) => e.field)).toEqual(['querystring.field']);
  });

  it('a lone surrogate in the login password answers 400 naming `password`', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"nobody","password":"ab\\ud800cdefgh"}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: any) => e.field)).toContain('password');
  });
});
