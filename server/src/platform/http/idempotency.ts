import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db-types.js';
import { canonicalJson, sha256Hex } from '../canonical.js';
import { DomainError } from '../errors.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A key still "in progress" this long after it was taken belongs to a request whose process died
 * (kill -9, a crash, a lost database connection before the answer was kept): the next replay takes
 * it over and runs the request again instead of answering 409 until the 24 h purge. A first request
 * still running past the lease could run twice; the routes clients retry (submit, upload) give the
 * same result when run again (the same receipt; the same content-addressed blob).
 */
export const IDEMPOTENCY_IN_PROGRESS_LEASE_MS = 30_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { key: string; scope: string };
  }
}

/**
 * Sign-in, TOTP, password and re-authenticated routes carry passwords, TOTP secrets or initial
 * passwords in their requests or answers: those are never written to the idempotency table.
 */
function carriesSecrets(req: FastifyRequest): boolean {
  const cfg = req.routeOptions.config;
  return cfg?.idempotency === false || !!cfg?.reauth || (req.routeOptions.url ?? '').startsWith('/api/auth/');
}

/**
 * `Idempotency-Key` on any state-changing request: the first answer (status and body) is kept
 * and returned to every replay with `Idempotent-Replayed: true`; a replay changes nothing. The same
 * key with a different request is refused (422); a replay while the first is running gets 409.
 * A 5xx answer is not kept, so the client may retry.
 */
export function installIdempotency(app: FastifyInstance, db: Kysely<DB>): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !MUTATING.has(req.method)) return;
    if (carriesSecrets(req)) return;
    if (key.length < 8 || key.length > 200) {
      throw new DomainError('validation_failed', {
        fields: [
          {
            field: 'Idempotency-Key',
            code: 'invalid',
            message: '幂等键长度须为 8–200 个字符',
            messageEn: 'Idempotency-Key must be 8-200 characters',
          },
        ],
      });
    }
    const scope = `${req.actor?.userId ?? 'anonymous'} ${req.method} ${req.routeOptions.url ?? req.url}`;
    const requestHash = sha256Hex(canonicalJson({ url: req.url, body: req.body ?? null }));
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ key, scope, request_hash: requestHash })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      req.idempotency = { key, scope };
      return;
    }
    const row = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (row.request_hash !== requestHash) throw new DomainError('idempotency_mismatch');
    if (row.status_code === null) {
      // database clock on both sides, as created_at is the database's now()
      const taken = await db
        .updateTable('idempotency_keys')
        .set({ created_at: sql<Date>`now()` })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('status_code', 'is', null)
        .where(
          'created_at',
          '<',
          sql<Date>`now() - make_interval(secs => ${IDEMPOTENCY_IN_PROGRESS_LEASE_MS / 1000})`,
        )
        .returning('key')
        .executeTakeFirst();
      if (!taken) throw new DomainError('idempotency_in_progress');
      req.idempotency = { key, scope };
      return;
    }
    reply.header('idempotent-replayed', 'true');
    if (row.content_type) reply.type(row.content_type);
    return reply.status(row.status_code).send(row.response_body ?? '');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = undefined;
    if (reply.statusCode >= 500) {
      await db
        .deleteFrom('idempotency_keys')
        .where('scope', '=', idem.scope)
        .where('key', '=', idem.key)
        .execute();
      return payload;
    }
    const body =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    await db
      .updateTable('idempotency_keys')
      .set({
        status_code: reply.statusCode,
        response_body: body,
        content_type: String(reply.getHeader('content-type') ?? ''),
      })
      .where('scope', '=', idem.scope)
      .where('key', '=', idem.key)
      .execute();
    return payload;
  });
}
