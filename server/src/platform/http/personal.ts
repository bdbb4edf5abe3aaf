/**
 * Personal data is a property of the schema (issue 10, fix first 4). A response field made with
 * `personal(z.string(), 'phone')` carries `x-personal: "phone"` in the OpenAPI document, and the
 * serializer step installed here masks every such value in an answer unless the caller may read it
 * in clear (platform/personal.rules.ts). The caller's relationship to the data is read from the
 * nearest enclosing object marked `ownedBy(schema, { org: 'orgId' })` (or `{ user: 'id' }`); an
 * answer without an owner mark is `other`, so a forgotten owner masks rather than leaks.
 *
 * Logs keep their own key-name masking (platform/log.ts): a log line has no schema.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  maskAs,
  mayReadInClear,
  type PersonalKind,
  type Relationship,
  type Viewer,
} from '../personal.rules.js';
import type { Actor, Role } from '../roles.js';

export type { PersonalKind } from '../personal.rules.js';
export const PERSONAL_KEY = 'x-personal';
export const OWNER_KEY = 'x-personal-owner';

/** Fields of the enclosing object (a dotted path for a nested one) naming the owning user and/or organisation. */
export interface Owner {
  user?: string;
  org?: string;
  /** roles that keep this register (the programme office for the expert pool): they read it in clear */
  keepers?: readonly Role[];
}

/** Marks a response field as personal data of a kind. */
export function personal<T extends z.ZodType>(schema: T, kind: PersonalKind): T {
  return schema.meta({ [PERSONAL_KEY]: kind }) as T;
}

/** Marks an object schema as a record owned by the user/organisation its fields name. */
export function ownedBy<T extends z.ZodType>(schema: T, owner: Owner): T {
  return schema.meta({ [OWNER_KEY]: owner }) as T;
}

type Def = { type: string } & Record<string, any>;
const defOf = (s: z.ZodType): Def => (s as any)._zod.def as Def;
const meta = (s: z.ZodType) => z.globalRegistry.get(s) as Record<string, unknown> | undefined;

/** The schemas a node's value is described by, one level down (wrappers, unions, pipes). */
function children(s: z.ZodType): z.ZodType[] {
  const d = defOf(s);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return [d.innerType];
    case 'union':
      return d.options;
    case 'intersection':
      return [d.left, d.right];
    case 'pipe':
      return [d.in, d.out];
    case 'lazy':
      return [d.getter()];
    default:
      return [];
  }
}

const hasMarks = new WeakMap<z.ZodType, boolean>();
/** Whether anything under a schema is marked personal (answers without any are passed through). */
export function containsPersonal(s: z.ZodType, seen = new Set<z.ZodType>()): boolean {
  const known = hasMarks.get(s);
  if (known !== undefined) return known;
  if (seen.has(s)) return false;
  seen.add(s);
  const d = defOf(s);
  let out = !!meta(s)?.[PERSONAL_KEY];
  if (!out) {
    const below: z.ZodType[] = [...children(s)];
    if (d.type === 'object') below.push(...Object.values<z.ZodType>(d.shape));
    if (d.type === 'array') below.push(d.element);
    if (d.type === 'record') below.push(d.valueType);
    if (d.type === 'tuple') below.push(...d.items);
    out = below.some((c) => containsPersonal(c, seen));
  }
  hasMarks.set(s, out);
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);

/** A field of an object, or of an object inside it (`owner.id`). */
const field = (v: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), v);

function relationshipOf(owner: Owner, value: Record<string, unknown>, actor: Actor | null): Relationship {
  if (!actor) return 'other';
  if (owner.user && field(value, owner.user) === actor.userId) return 'self';
  if (owner.org && field(value, owner.org) === actor.orgId) return 'ownOrg';
  if (owner.keepers?.some((r) => actor.roles.includes(r))) return 'keeper';
  return 'other';
}

/**
 * A copy of `value` with every value its schema marks personal masked unless `viewer` may read it
 * in clear; parts without personal fields are shared, not copied.
 */
export function maskBySchema(
  schema: z.ZodType,
  value: unknown,
  actor: Actor | null,
  rel: Relationship = 'other',
): unknown {
  if (value === null || value === undefined || !containsPersonal(schema)) return value;
  const m = meta(schema);
  const owner = m?.[OWNER_KEY] as Owner | undefined;
  if (owner && isPlainObject(value)) rel = relationshipOf(owner, value, actor);
  const kind = m?.[PERSONAL_KEY] as PersonalKind | undefined;
  if (kind) {
    const viewer: Viewer = { signedIn: !!actor, roles: actor?.roles ?? [] };
    return mayReadInClear(kind, rel, viewer) ? value : maskAs(kind, value);
  }
  const d = defOf(schema);
  let out: unknown = value;
  for (const c of children(schema)) out = maskBySchema(c, out, actor, rel);
  if (d.type === 'object' && isPlainObject(out)) {
    let copy: Record<string, unknown> | undefined;
    for (const [k, sub] of Object.entries<z.ZodType>(d.shape)) {
      if (!(k in out)) continue;
      const v = maskBySchema(sub, out[k], actor, rel);
      if (v !== out[k]) (copy ??= { ...out })[k] = v;
    }
    if (copy) out = copy;
  } else if ((d.type === 'array' || d.type === 'record' || d.type === 'tuple') && typeof out === 'object') {
    const sub = (i: number) =>
      d.type === 'array' ? d.element : d.type === 'record' ? d.valueType : d.items[i];
    if (Array.isArray(out)) {
      const next = out.map((v, i) => (sub(i) ? maskBySchema(sub(i), v, actor, rel) : v));
      if (next.some((v, i) => v !== (out as unknown[])[i])) out = next;
    } else if (d.type === 'record' && isPlainObject(out)) {
      const next = Object.fromEntries(
        Object.entries(out).map(([k, v]) => [k, maskBySchema(d.valueType, v, actor, rel)]),
      );
      out = next;
    }
  }
  return out;
}

/** The response schema a reply is serialized with (exact status, then 2xx-style, then default). */
function responseSchema(req: FastifyRequest, reply: FastifyReply): z.ZodType | undefined {
  const res = (req.routeOptions.schema as { response?: Record<string, unknown> } | undefined)?.response;
  if (!res) return undefined;
  const code = String(reply.statusCode);
  const s = res[code] ?? res[`${code[0]}xx`] ?? res.default;
  return s instanceof z.ZodType ? s : undefined;
}

/** The serializer step: masks what the route's response schema marks personal. */
export function installPersonalMasking(app: FastifyInstance): void {
  app.addHook('preSerialization', async (req, reply, payload) => {
    if (payload === null || typeof payload !== 'object') return payload;
    const schema = responseSchema(req, reply);
    if (!schema) return payload;
    return maskBySchema(schema, payload, req.actor ?? null);
  });
}
