/**
 * What the log may hold (issue 10 §1; GB/T 35273, PIPL): no personal data and no secret, at any depth,
 * on any error path. A database error carries its SQL parameters (`params`: ID and phone numbers,
 * argon2id hashes, whole drafts) and pg's `detail` repeats the offending values; a thrown error may
 * carry any object. Every value logged passes through here: SQL parameters and query text are dropped,
 * keys that name a secret or personal data (mask.ts `keyKind`) are redacted or masked at any depth, and
 * free text has ID numbers, mobile numbers and password hashes masked (mask.ts `scrubText`).
 */
import { keyKind, maskEmail, maskIdNumber, maskPhone, scrubText } from './mask.js';

/** Keys that hold SQL parameters or the values a statement carried: dropped, never logged. */
const SQL_VALUE_KEYS = new Set(['params', 'parameters', 'values', 'bindings', 'query', 'sql', 'text']);
/** Fields of a PostgreSQL error that repeat row values (`Key (id_number)=(…) already exists`). */
const DB_VALUE_KEYS = new Set(['detail', 'where', 'internalQuery', 'hint']);
const MAX_DEPTH = 8;

function isErrorLike(v: unknown): v is Error & Record<string, unknown> {
  return v instanceof Error || (typeof v === 'object' && v !== null && 'stack' in v && 'message' in v);
}

function redactValue(key: string, v: unknown, depth: number, seen: WeakSet<object>): unknown {
  const kind = keyKind(key);
  if (kind === 'secret') return v === null || v === undefined ? v : '[redacted]';
  if (typeof v === 'string') {
    if (kind === 'idNumber') return maskIdNumber(v);
    if (kind === 'phone') return maskPhone(v);
    if (kind === 'email') return maskEmail(v);
    return scrubText(v);
  }
  if (kind !== 'plain' && (typeof v === 'number' || typeof v === 'bigint')) return '[masked]';
  return redactLogValue(v, depth + 1, seen);
}

/** A copy of any value safe to log. */
export function redactLogValue(v: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof v === 'string') return scrubText(v);
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (seen.has(v)) return '[circular]';
  seen.add(v);
  if (isErrorLike(v)) return serializeLogError(v, depth, seen);
  if (Buffer.isBuffer(v) || ArrayBuffer.isView(v)) return `[${v.byteLength} bytes]`;
  if (Array.isArray(v)) return v.map((x) => redactLogValue(x, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (SQL_VALUE_KEYS.has(k)) continue;
    out[k] = redactValue(k, x, depth, seen);
  }
  return out;
}

/**
 * An error as the log shows it: its class, message, stack, code and a database error's constraint,
 * table and routine (what an operator needs); every other own property redacted like any value, SQL
 * parameters and value-repeating database fields dropped; `cause` and `errors` followed.
 */
export function serializeLogError(
  err: Error & Record<string, unknown>,
  depth = 0,
  seen = new WeakSet<object>(),
): Record<string, unknown> {
  seen.add(err);
  const isDbError = typeof err.severity === 'string' && typeof err.code === 'string';
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? 'Error',
    message: scrubText(String(err.message ?? '')),
  };
  if (typeof err.stack === 'string') out.stack = scrubText(err.stack);
  for (const [k, x] of Object.entries(err)) {
    if (k === 'message' || k === 'stack' || k === 'cause') continue;
    if (SQL_VALUE_KEYS.has(k) || (isDbError && DB_VALUE_KEYS.has(k))) continue;
    out[k] = redactValue(k, x, depth, seen);
  }
  if (err.cause !== undefined) out.cause = redactLogValue(err.cause, depth + 1, seen);
  return out;
}

type LoggedError = { [key: string]: unknown; type: string; message: string; stack: string };

/** The pino options that make every log line safe: serializers, a formatter for the rest, the message. */
export const SAFE_LOG_OPTIONS = {
  serializers: {
    req: (req: {
      method?: string;
      url?: string;
      host?: string;
      ip?: string;
      socket?: { remotePort?: number };
    }) => ({
      method: req.method,
      url: scrubText(String(req.url ?? '')),
      host: req.host,
      remoteAddress: req.ip,
      remotePort: req.socket?.remotePort,
    }),
    err: (e: unknown) => redactLogValue(e) as LoggedError,
    error: (e: unknown) => redactLogValue(e) as LoggedError,
  },
  formatters: {
    // Runs before the serializers: everything but the request and reply (serialized by Fastify) and the
    // error (by the serializer above) is redacted here, whatever its key.
    log: (obj: Record<string, unknown>) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(obj)) {
        out[k] = k === 'req' || k === 'res' || k === 'err' ? v : redactValue(k, v, 0, new WeakSet());
      }
      return out;
    },
  },
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
      method.apply(
        this,
        args.map((a) => (typeof a === 'string' ? scrubText(a) : a)),
      );
    },
  },
};
