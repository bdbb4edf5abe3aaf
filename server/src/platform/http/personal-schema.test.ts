import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { operations } from '../../testing/fuzz/openapi.js';
import { PERSONAL_KINDS } from '../personal.rules.js';
import { PERSONAL_KEY } from './personal.js';

/**
 * Issue 10, fix first 4: personal data is marked in the schema, not guessed from a key. This walks
 * every response schema of /api/openapi.json and fails when a property whose name looks personal
 * (phone, mobile, tel, idNumber, idCard, email, contact…) is not marked `x-personal` and is not in
 * the reviewed exemptions below — so a new answer with a phone number fails CI until it is marked.
 */
const LOOKS_PERSONAL =
  /phone|mobile|(^|[a-z])tel($|[A-Z])|^tel|idnumber|idcard|id_number|email|e_mail|contact/i;

/** Where (component or operation, then the property path) → why it is not personal data. */
const EXEMPT: Record<string, string> = {};

let env: TestEnv;
let doc: any;
beforeAll(async () => {
  env = await createTestEnv();
  doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
}, 120_000);
afterAll(async () => env?.close());

interface Found {
  where: string;
  marked: boolean;
  kind?: unknown;
}

function walk(doc: any): Found[] {
  const out = new Map<string, Found>();
  const visitedRefs = new Set<string>();
  const deref = (ref: string) =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((o: any, k) => o?.[k], doc);
  const isMarked = (s: any): unknown =>
    s?.[PERSONAL_KEY] ?? (s?.anyOf ?? s?.oneOf ?? []).map(isMarked).find(Boolean);
  const isObjectish = (s: any): boolean =>
    !!s &&
    (s.type === 'object' ||
      s.type === 'array' ||
      !!s.properties ||
      (s.anyOf ?? s.oneOf ?? []).some((x: any) => x.type === 'object' || x.type === 'array' || x.$ref));
  const visit = (s: any, where: string) => {
    if (!s || typeof s !== 'object') return;
    if (s.$ref) {
      const name = String(s.$ref).split('/').pop()!;
      if (visitedRefs.has(name)) return;
      visitedRefs.add(name);
      return visit(deref(s.$ref), `#${name}`);
    }
    for (const k of ['anyOf', 'oneOf', 'allOf']) for (const x of s[k] ?? []) visit(x, where);
    if (s.items) visit(s.items, `${where}[]`);
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      visit(s.additionalProperties, `${where}{}`);
    for (const [name, p] of Object.entries<any>(s.properties ?? {})) {
      const at = `${where}.${name}`;
      if (LOOKS_PERSONAL.test(name) && !(isObjectish(p) && !isMarked(p)))
        out.set(at, { where: at, marked: !!isMarked(p), kind: isMarked(p) });
      visit(p, at);
    }
  };
  for (const o of operations(doc))
    for (const [status, r] of Object.entries<any>(o.op.responses ?? {}))
      for (const c of Object.values<any>(r.content ?? {})) visit(c.schema, `${o.method} ${o.path} ${status}`);
  return [...out.values()];
}

describe('personal fields in the OpenAPI document', () => {
  it('marks every response property that looks personal, or exempts it with a reason', () => {
    const found = walk(doc);
    console.log(
      `personal-looking response properties: ${found.length}, marked ${found.filter((f) => f.marked).length}, exempt ${Object.keys(EXEMPT).length}`,
    );
    const unmarked = found.filter((f) => !f.marked && !EXEMPT[f.where]).map((f) => f.where);
    expect(unmarked, 'mark with personal(…) or add a reviewed exemption').toEqual([]);
    const badKind = found.filter((f) => f.marked && !PERSONAL_KINDS.includes(f.kind as never));
    expect(badKind).toEqual([]);
    const stale = Object.keys(EXEMPT).filter((k) => !found.some((f) => f.where === k && !f.marked));
    expect(stale, 'exemptions for properties that are gone or now marked').toEqual([]);
  });

  it('finds the marks it looks for (the walk is not vacuous)', () => {
    const found = walk(doc);
    expect(found.find((f) => f.where.endsWith('#ApplicationDetail.content.applicant.contactPhone'))).toEqual(
      expect.objectContaining({ marked: true, kind: 'phone' }),
    );
  });
});
