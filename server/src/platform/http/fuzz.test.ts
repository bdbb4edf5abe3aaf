import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import { ROLE_NAMES } from '../roles.js';
import { caseSeed, rng, type Rng } from '../../testing/fuzz/prng.js';
import { derefIn, encodeAny, mutate, validValue, type Deref } from '../../testing/fuzz/generate.js';
import { operations, responseChecker, type Operation } from '../../testing/fuzz/openapi.js';
import { chineseInputs } from '../../testing/fuzz/chinese.js';

/**
 * Issue 10, "Fuzzing from the OpenAPI document in CI": every operation of /api/openapi.json gets
 * requests generated from its parameter and body schemas with a fixed seed — valid-shaped and
 * mutated — sent by a user holding every role (so the permission gate lets them through), plus the
 * curated Chinese inputs (testing/fuzz/chinese.ts) in every string field. 0 answers ≥ 500; every
 * answer matches the schema its operation declares for that status (an undeclared status counts as
 * off-schema, except the shared Problem statuses). A failure names the case: reproduce one with
 * FUZZ_SEED=<seed> FUZZ_ONLY=<index>.
 *
 *   FUZZ_CASES=10000 (default) FUZZ_SEED=20240611 (default) npx vitest run server/src/platform/http/fuzz.test.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
/** Ends or changes the session: run after everything else. */
const sessionEnding = (o: Operation) => /\/auth\/(logout|password|totp)/.test(o.path);

let env: TestEnv;
let cookie: string;
let doc: any;
let ops: Operation[];
let d: Deref;
let check: ReturnType<typeof responseChecker>;

beforeAll(async () => {
  env = await createTestEnv();
  cookie = await loginAs(env, [...ROLE_NAMES]);
  doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  d = derefIn(doc);
  ops = operations(doc).sort((a, b) => Number(sessionEnding(a)) - Number(sessionEnding(b)));
  check = responseChecker(doc);
}, 120_000);
afterAll(async () => env?.close());

interface Req {
  method: string;
  url: string;
  body?: unknown;
  how: string;
}
type Str = Parameters<typeof validValue>[3];

function build(o: Operation, r: Rng, mutated: boolean, str?: Str): Req {
  const params = (o.op.parameters ?? []) as Array<{
    in: string;
    name: string;
    required?: boolean;
    schema: any;
  }>;
  const pathVals: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const p of params) {
    if (p.in === 'path') pathVals[p.name] = validValue(p.schema, d, r, str);
    else if (p.in === 'query' && (p.required || r.chance(0.5)))
      query[p.name] = validValue(p.schema, d, r, str);
  }
  const bodySchema = o.op.requestBody?.content?.['application/json']?.schema;
  let body = bodySchema ? validValue(bodySchema, d, r, str) : undefined;
  let how = 'valid';
  if (mutated) {
    const targets = [
      bodySchema && 'body',
      Object.keys(pathVals).length && 'path',
      params.some((p) => p.in === 'query') && 'query',
    ].filter(Boolean);
    const t = targets.length ? r.pick(targets) : 'body';
    if (t === 'body') {
      const m = mutate(body ?? {}, r);
      body = m.value;
      how = `body: ${m.how}`;
    } else if (t === 'path') {
      const m = mutate(pathVals, r);
      Object.assign(pathVals, m.value);
      how = `path: ${m.how}`;
    } else {
      const qp = r.pick(params.filter((p) => p.in === 'query'));
      const m = mutate({ [qp.name]: query[qp.name] ?? validValue(qp.schema, d, r) }, r);
      Object.assign(query, m.value);
      how = `query: ${m.how}`;
    }
  }
  const asText = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  let url = o.path.replace(/\{(\w+)\}/g, (_, k) => encodeAny(asText(pathVals[k])));
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeAny(k)}=${encodeAny(asText(x))}`));
  if (qs.length) url += `?${qs.join('&')}`;
  return { method: o.method, url, body, how };
}

const short = (s: string, n = 600) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

async function run(o: Operation, req: Req, label: string, bad: string[]) {
  const hasBody = req.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(req.method);
  const res = await env.app.inject({
    method: req.method as any,
    url: req.url,
    headers: { cookie, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { payload: req.body === undefined ? '{}' : JSON.stringify(req.body) } : {}),
  });
  const ct = String(res.headers['content-type'] ?? '');
  const notConfigured = res.statusCode === 501 && res.body.includes('oidc_not_configured');
  const fault = res.statusCode >= 500 && !notConfigured;
  const off = check(o, res.statusCode, ct, res.body);
  if (fault || off)
    bad.push(
      `${label} ${o.method} ${o.path} [${req.how}] → ${res.statusCode}${off ? ` off-schema: ${off}` : ''}\n` +
        `    url: ${short(req.url, 300)}\n    body: ${short(JSON.stringify(req.body) ?? '')}\n    answer: ${short(res.body)}`,
    );
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it(`${CASES} generated cases (seed ${SEED}): no 5xx, every answer on its schema`, async () => {
    const bad: string[] = [];
    const covered = new Set<string>();
    const t0 = Date.now();
    // cases are dealt round-robin over the operations, session-ending ones last
    const order = Array.from({ length: CASES }, (_, i) => i).sort(
      (a, b) =>
        Number(sessionEnding(ops[a % ops.length]!)) - Number(sessionEnding(ops[b % ops.length]!)) || a - b,
    );
    for (const i of order) {
      if (ONLY !== undefined && i !== ONLY) continue;
      const o = ops[i % ops.length]!;
      const r = rng(caseSeed(SEED, i));
      const req = build(o, r, r.chance(0.7));
      covered.add(`${o.method} ${o.path}`);
      await run(o, req, `seed ${SEED} case ${i}:`, bad);
    }
    console.log(
      `fuzz: ${CASES} cases over ${covered.size}/${ops.length} operations in ${Date.now() - t0} ms; ${bad.length} failures`,
    );
    expect(bad.slice(0, 40).join('\n')).toBe('');
    if (ONLY === undefined) expect(covered.size).toBe(ops.length);
  }, 900_000);

  it('every curated Chinese input in every string field of some operation, all string fields at once', async () => {
    const inputs = chineseInputs();
    expect(inputs.length).toBeGreaterThanOrEqual(500);
    const bad: string[] = [];
    const t0 = Date.now();
    let n = 0;
    // each input goes to the next operation in turn (with all its string fields set to it); the
    // rounds go on until every input has been sent and every operation has had 4 of them
    const rounds = Math.max(Math.ceil(inputs.length / ops.length), 4);
    for (let round = 0; round < rounds; round++)
      for (const [k, o] of ops.entries()) {
        const j = (round * ops.length + k) % inputs.length;
        const input = inputs[j]!;
        const r = rng(caseSeed(SEED, 1_000_000 + j));
        const req = build(o, r, false, () => input.value);
        req.how = `curated #${j} (${input.family})`;
        n++;
        await run(o, req, `curated #${j}:`, bad);
      }
    console.log(
      `fuzz: ${n} curated Chinese cases (${inputs.length} inputs) in ${Date.now() - t0} ms; ${bad.length} failures`,
    );
    expect(bad.slice(0, 40).join('\n')).toBe('');
  }, 900_000);
});
