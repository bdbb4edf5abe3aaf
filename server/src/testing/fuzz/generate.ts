/**
 * Values from an OpenAPI 3.1 (JSON Schema) document: `valid` follows the schema as far as cheaply
 * possible; `mutate` breaks one thing (a wrong type, a missing required field, an extra field, a
 * boundary number, a huge string, NUL, a lone surrogate, odd unicode). All randomness from `Rng`.
 */
import type { Rng } from './prng.js';

type S = Record<string, any>;
export type Deref = (s: S | undefined) => S;

export function derefIn(doc: S): Deref {
  return (s) => {
    let x = s;
    for (let i = 0; x?.$ref && i < 20; i++) x = doc.components?.schemas?.[String(x.$ref).split('/').pop()!];
    return x ?? {};
  };
}

const typeOf = (s: S): string | undefined => {
  const t = Array.isArray(s.type) ? s.type.find((x: string) => x !== 'null') : s.type;
  return t ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
};

/** A string source: by default plausible text; the fuzzer may put curated inputs here. */
export type StringSource = (s: S, r: Rng) => string | undefined;

export function validValue(s0: S | undefined, d: Deref, r: Rng, str?: StringSource, depth = 0): unknown {
  const s = d(s0);
  const alt = s.anyOf ?? s.oneOf;
  if (alt) {
    const real = alt.filter((a: S) => d(a).type !== 'null');
    return validValue(r.pick(real.length ? real : alt), d, r, str, depth);
  }
  if (s.allOf) return validValue(s.allOf[0], d, r, str, depth);
  if (s.const !== undefined) return s.const;
  if (s.enum) return r.pick(s.enum);
  const t = typeOf(s);
  if (t === 'string') {
    const curated = str?.(s, r);
    if (curated !== undefined) return curated;
    if (s.format === 'uuid') return uuidFrom(r);
    if (s.format === 'date-time')
      return new Date(Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(0, 23))).toISOString();
    if (s.format === 'date')
      return `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    if (s.format === 'email') return `u${r.int(0, 9999)}@example.cn`;
    if (s.format === 'uri') return 'https://example.cn/x';
    const min = s.minLength ?? 1;
    const max = Math.min(s.maxLength ?? 24, Math.max(min, 24));
    const len = r.int(min, max);
    const alphabet = r.pick(['abcdefghij', '科技成果转化平台', '0123456789']);
    let out = '';
    for (let i = 0; i < len; i++) out += alphabet[r.int(0, alphabet.length - 1)];
    return out;
  }
  if (t === 'integer' || t === 'number') {
    const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
    const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : lo + 1000);
    const v = lo + r.next() * Math.max(0, Math.min(hi, lo + 1e6) - lo);
    return t === 'integer' ? Math.floor(v) : Math.round(v * 100) / 100;
  }
  if (t === 'boolean') return r.chance(0.5);
  if (t === 'array') {
    if (depth > 5) return [];
    const n = r.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, (s.minItems ?? 0) + 3));
    return Array.from({ length: n }, () => validValue(s.items, d, r, str, depth + 1));
  }
  if (t === 'object') {
    if (depth > 5) return {};
    const req = new Set<string>(s.required ?? []);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries<S>(s.properties ?? {}))
      if (req.has(k) || r.chance(0.7)) out[k] = validValue(v, d, r, str, depth + 1);
    return out;
  }
  return r.pick(['x', 1, true, null]);
}

function uuidFrom(r: Rng): string {
  const h = () => r.int(0, 15).toString(16);
  const g = (n: number) => Array.from({ length: n }, h).join('');
  return `${g(8)}-${g(4)}-4${g(3)}-8${g(3)}-${g(12)}`;
}

/** Strings that have broken servers: NUL, lone surrogates, huge, odd unicode, injection text. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'a\ud800b',
  '\udfff',
  '\ud83d',
  'x'.repeat(10_001),
  'x'.repeat(200_000),
  '\u202e\u2066bidi',
  '\u{10ffff}',
  '\ufffe\uffff',
  "' or 1=1 --",
  '%00',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30T25:61:00Z',
  '\r\n\t',
  '\u0085\u2028\u2029',
];
export const NASTY_NUMBERS: readonly unknown[] = [
  0,
  -1,
  -0,
  1.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1e308,
  -1e308,
  Number.MIN_VALUE,
  '9007199254740993',
  '1',
  '',
  'abc',
  null,
  true,
  [],
  {},
];
const WRONG_TYPES: readonly unknown[] = [null, 0, -1, 1.5, true, 'x', '', [], {}, [null], { a: 1 }];

/** Every path (list of keys) in a value, with the value there. */
export function paths(v: unknown, at: string[] = [], out: Array<[string[], unknown]> = []) {
  out.push([at, v]);
  if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) paths(x, [...at, k], out);
  return out;
}

export function setAt(root: unknown, path: string[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as any;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  if (remove) {
    if (Array.isArray(o)) o.splice(Number(path.at(-1)), 1);
    else delete o[path.at(-1)!];
  } else o[path.at(-1)!] = value;
  return copy;
}

/** One mutation of a valid value; the name says which, for the failure report. */
export function mutate(value: unknown, r: Rng): { value: unknown; how: string } {
  const all = paths(value);
  const [p, v] = r.pick(all);
  const where = p.join('.') || '(root)';
  const kind = r.int(0, 6);
  if (kind === 0) {
    const w = r.pick(WRONG_TYPES);
    return { value: setAt(value, p, w), how: `wrong type at ${where}: ${JSON.stringify(w)}` };
  }
  if (kind === 1 && p.length > 0) return { value: setAt(value, p, undefined, true), how: `removed ${where}` };
  if (kind === 2 && v && typeof v === 'object' && !Array.isArray(v)) {
    const k = r.pick([
      '__proto__',
      'constructor',
      'extra',
      '',
      '\u0000',
      'id',
      'status',
      'orgId',
      'a'.repeat(300),
    ]);
    const copy = setAt(value, [...p, k], r.pick(WRONG_TYPES.concat(['x'])));
    return { value: copy, how: `extra field ${JSON.stringify(k)} at ${where}` };
  }
  if (kind === 3 || typeof v === 'number') {
    const n = r.pick(NASTY_NUMBERS);
    return { value: setAt(value, p, n), how: `boundary number at ${where}: ${String(n)}` };
  }
  if (kind === 4 && Array.isArray(v)) {
    const big = Array.from({ length: r.pick([0, 101, 1000, 10_000]) }, () => (v.length ? v[0] : 'x'));
    return { value: setAt(value, p, big), how: `array of ${big.length} at ${where}` };
  }
  const sv = r.pick(NASTY_STRINGS);
  return { value: setAt(value, p, sv), how: `nasty string at ${where}: #${NASTY_STRINGS.indexOf(sv)}` };
}

/** Percent-encodes any string, a lone surrogate as its CESU-8 bytes (encodeURIComponent throws). */
export function encodeAny(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff)
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    else out += encodeURIComponent(s[i]!);
  }
  return out;
}
