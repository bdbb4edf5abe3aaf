/**
 * Who is asking, from where, and when: the one first argument of every service function that acts
 * for someone (`fn(ctx, caller, …)`), so that an audit row can never silently lack who or where.
 *
 * - Routes build it with `callerOf(req)` (signed-in routes) or `anonCallerOf(req)` (public routes).
 * - Seeds, jobs, the CLI and tests build it with `callerFor(ctx, actor)`.
 * - `now` is the request's server time (deadlines are judged on it), taken once per request from
 *   `ctx.now()`, so a test that moves the clock moves it for the caller too.
 */
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from './audit.js';
import { DomainError } from './errors.js';
import type { Actor } from './roles.js';

export interface Caller<A extends Actor | null = Actor> {
  actor: A;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** Server time when the request was received. */
  now: Date;
}

/** A caller who may be anonymous (public routes). */
export type AnyCaller = Caller<Actor | null>;

interface ClockContext {
  now(): Date;
}

function fromRequest(ctx: ClockContext, req: FastifyRequest) {
  const ua = req.headers['user-agent'];
  return {
    ip: req.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null,
    requestId: typeof req.id === 'string' ? req.id : req.id != null ? String(req.id) : null,
    now: ctx.now(),
  };
}

/** The signed-in caller of a route; a route reached without a session answers 401 (the gate makes this unreachable). */
export function callerOf(ctx: ClockContext, req: FastifyRequest): Caller {
  if (!req.actor) throw new DomainError('unauthenticated');
  return { actor: req.actor, ...fromRequest(ctx, req) };
}

/** The caller of a public route: the actor when signed in, else null. */
export function anonCallerOf(ctx: ClockContext, req: FastifyRequest): AnyCaller {
  return { actor: req.actor ?? null, ...fromRequest(ctx, req) };
}

/** A caller acting as `actor` outside HTTP (seeds, jobs, CLI, tests). */
export function callerFor(ctx: ClockContext, actor: Actor, from: { ip?: string } = {}): Caller {
  return { actor, ip: from.ip ?? null, userAgent: null, requestId: null, now: ctx.now() };
}

/** The audit row's who/where for a caller (anonymous → id null). */
export function auditActor(c: AnyCaller): AuditActor {
  return {
    id: c.actor?.userId ?? null,
    orgId: c.actor?.orgId ?? null,
    label: c.actor?.name ?? null,
    ip: c.ip,
  };
}
