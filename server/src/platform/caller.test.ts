/**
 * The Caller (issue 9, "one enforcement path and one caller"): who is asking, from where and when is
 * the first argument of every service function that acts for someone, so that an audit row can never
 * silently lack who or where.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../testing/harness.js';
import { createUser, loginAs, randomUscc } from '../testing/factories.js';
import { anonCallerOf, auditActor, callerFor, callerOf } from './caller.js';
import { DomainError } from './errors.js';
import type { Actor } from './roles.js';

const IP = '203.0.113.7';
const UA = 'caller-test/1.0';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const rows = (action: string) =>
  env.platform.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .execute();

describe('a request’s audit row names who and where', () => {
  it('audit.verify (written without an ip before the Caller) carries the actor and the request’s ip', async () => {
    const auditor = await createUser(env, { roles: ['auditor'] });
    const cookie = await loginAs(env, auditor);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/audit/verify',
      headers: { cookie, 'user-agent': UA },
      remoteAddress: IP,
    });
    expect(res.statusCode).toBe(200);
    const [row] = await rows('audit.verify');
    expect(row).toMatchObject({ actor_id: auditor.user.id, actor_org_id: auditor.user.org_id, ip: IP });
  });

  it('a change (org.create) and a refusal through enforce (permission.denied) carry the ip as well', async () => {
    const staff = await loginAs(env, ['commissionStaff']);
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: staff },
      remoteAddress: IP,
      payload: { name: '来访测试单位', type: 'enterprise', uscc: randomUscc(), region: '浦东新区' },
    });
    expect(created.statusCode).toBe(201);
    const orgId = (created.json() as { id: string }).id;
    expect((await rows('org.create'))[0]).toMatchObject({ object_id: orgId, ip: IP });

    // an organisation admin of another org may not read this one: refused, and the refusal is audited
    const other = await createUser(env, { roles: ['orgAdmin'] });
    const cookie = await loginAs(env, other);
    const denied = await env.app.inject({
      method: 'GET',
      url: `/api/orgs/${orgId}`,
      headers: { cookie },
      remoteAddress: IP,
    });
    expect(denied.statusCode).toBe(403);
    const [row] = await rows('permission.denied');
    expect(row).toMatchObject({ actor_id: other.user.id, object_id: orgId, ip: IP });
    expect(row.detail).toMatchObject({ attempted: 'org.read' });
  });
});

describe('building a Caller', () => {
  const actor: Actor = {
    userId: 'u-1',
    orgId: 'o-1',
    name: '张三',
    roles: ['projectLead'],
    sessionId: 's-1',
    mfaVerified: true,
    authenticatedAt: new Date('2024-05-01T00:00:00Z'),
  };
  const clock = { now: () => new Date('2024-05-01T08:00:00Z') };
  const req = (a: Actor | null) =>
    ({ actor: a, ip: IP, id: 'req-7', headers: { 'user-agent': UA } }) as unknown as FastifyRequest;

  it('callerOf refuses an anonymous request (401 unauthenticated), anonCallerOf accepts it', () => {
    let thrown: unknown;
    try {
      callerOf(clock, req(null));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('unauthenticated');
    const anon = anonCallerOf(clock, req(null));
    expect(anon).toMatchObject({ actor: null, ip: IP, userAgent: UA, requestId: 'req-7' });
    expect(auditActor(anon)).toEqual({ id: null, orgId: null, label: null, ip: IP });
  });

  it('callerOf takes actor, ip, user agent, request id and the server time from the request', () => {
    const c = callerOf(clock, req(actor));
    expect(c).toEqual({ actor, ip: IP, userAgent: UA, requestId: 'req-7', now: clock.now() });
    expect(auditActor(c)).toEqual({ id: 'u-1', orgId: 'o-1', label: '张三', ip: IP });
  });

  it('callerFor (seeds, jobs, CLI, tests) has no request: ip null unless given', () => {
    expect(callerFor(clock, actor)).toMatchObject({ actor, ip: null, userAgent: null, requestId: null });
    expect(callerFor(clock, actor, { ip: IP }).ip).toBe(IP);
  });
});

// ---------------------------------------------------------------------------------------------
// The point of the change: no exported service function still takes a trailing `ip?: string`.

const MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../modules');

/** Modules exempt from the scan: none (every module takes the Caller). */
const NOT_YET_CONVERTED = new Set<string>();

interface Fn {
  file: string;
  name: string;
  params: string;
}

/** Every `export [async] function name(…)` in a source text, with its parameter list. */
function exportedFunctions(file: string, src: string): Fn[] {
  const out: Fn[] = [];
  const re = /^export (?:async )?function (\w+)\s*(?:<[^(]*>)?\(/gm;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    while (depth > 0 && i < src.length) {
      const ch = src[i++];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
    }
    out.push({ file, name: m[1], params: src.slice(start, i - 1) });
  }
  return out;
}

/** The top-level parameters of a parameter list (commas inside types and defaults do not split). */
function paramsOf(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if ('([{<'.includes(ch)) depth++;
    else if (')]}'.includes(ch) || (ch === '>' && !cur.endsWith('='))) depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A parameter that carries the request's address on its own instead of in the Caller. */
const takesIp = (f: Fn) => paramsOf(f.params).some((p) => /^ip\??\s*:\s*string\b/.test(p));

function serviceFiles(): string[] {
  return fs
    .readdirSync(MODULES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_YET_CONVERTED.has(d.name))
    .flatMap((d) =>
      fs
        .readdirSync(path.join(MODULES, d.name))
        .filter((f) => f.endsWith('.service.ts'))
        .map((f) => path.join(d.name, f)),
    );
}

describe('no service function takes a loose ip', () => {
  it('the scan finds a planted trailing `ip?: string` and accepts the Caller shape', () => {
    const planted = exportedFunctions(
      'x.service.ts',
      [
        'export async function getThing(ctx: AppContext, actor: Actor, id: string, ip?: string) {}',
        'export function other(ctx: AppContext, caller: Caller, body: { ip: string }) {}',
        'export async function multi(\n  ctx: AppContext,\n  build: (n: Row) => Record<string, unknown>,\n  ip?: string,\n  opts: { a?: number } = {},\n) {}',
      ].join('\n'),
    );
    expect(planted.map((f) => [f.name, takesIp(f)])).toEqual([
      ['getThing', true],
      ['other', false],
      ['multi', true],
    ]);
  });

  it('no exported function in modules/**/*.service.ts has an ip parameter', () => {
    const files = serviceFiles();
    const fns = files.flatMap((f) => exportedFunctions(f, fs.readFileSync(path.join(MODULES, f), 'utf8')));
    // the scan reads the real services: identity, market, matching, files, jobs, notifications …
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(fns.length).toBeGreaterThanOrEqual(60);
    expect(fns.filter(takesIp).map((f) => `${f.file}: ${f.name}(${f.params.replace(/\s+/g, ' ')})`)).toEqual(
      [],
    );
  });
});
