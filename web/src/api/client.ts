/**
 * The one API client of the web: openapi-fetch over the types generated from the server's own
 * OpenAPI document (schema.d.ts, `npm run gen:client`). Paths, parameters, bodies and answers are
 * all checked against that document; a problem+json answer becomes an ApiError (zh + en + every
 * invalid field), which components/problem.ts shows on forms.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };

export type FieldProblem = components['schemas']['Problem']['errors'][number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(messageEn || messageZh || code);
  }
  /** The message in the user's language. */
  text(lang: string): string {
    return lang === 'en' ? this.messageEn || this.messageZh : this.messageZh || this.messageEn;
  }
}

type Listener = (e: ApiError) => void;
const listeners = new Set<Listener>();

/** Lets the auth layer react to 401 / MFA errors from any request. */
export function onApiError(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `?a=1&b=x`, leaving out empty values (undefined, null, ''), as forms hand them over. */
export function queryString(q?: Query): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p.toString();
}

export function withQuery(path: string, q?: Query): string {
  const s = queryString(q);
  return s ? `${path}?${s}` : path;
}

export const networkError = () =>
  new ApiError(
    0,
    'network',
    '网络连接失败，请检查网络后重试',
    'Network error; check your connection and retry',
  );

/** An error answer (problem+json, or anything else) as an ApiError. */
export function problemFrom(status: number, data: any, fallback?: { zh: string; en: string }): ApiError {
  const zh = fallback?.zh ?? (status === 404 ? '接口不存在' : '服务器错误');
  const en = fallback?.en ?? (status === 404 ? 'Not found' : 'Server error');
  const body = data && typeof data === 'object' ? data : {};
  return new ApiError(
    status,
    String(body.code ?? (status === 404 ? 'not_found' : 'internal')),
    String(body.message ?? zh),
    String(body.messageEn ?? en),
    Array.isArray(body.errors) ? body.errors : [],
  );
}

/** A typed client for the API at `baseUrl` ('' = this origin, as the web uses it). */
export const createApi = (baseUrl = '') =>
  createClient<paths>({
    baseUrl,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    querySerializer: (q) => queryString(q as Query),
    // Looked up per request, so a test (or a service worker shim) can replace the global fetch.
    fetch: (req) => globalThis.fetch(req),
  });

/** The typed client. Prefer `call(api.GET(...))`, which throws an ApiError on a refusal. */
export const api = createApi();

type Answer = { data?: unknown; error?: unknown; response: Response };
/** The success body of an openapi-fetch answer (void for 204). */
export type DataOf<R> = R extends { data: infer D; error?: never } ? ([D] extends [never] ? void : D) : never;

/** Awaits a typed request: its data, or an ApiError (told to the listeners unless quiet). */
export async function call<R extends Answer>(
  pending: Promise<R>,
  opts: { quiet?: boolean } = {},
): Promise<DataOf<R>> {
  let r: R;
  try {
    r = await pending;
  } catch (e) {
    throw e instanceof ApiError ? e : networkError();
  }
  if (!r.response.ok) {
    const err = problemFrom(r.response.status, r.error);
    if (!opts.quiet) for (const l of listeners) l(err);
    throw err;
  }
  return r.data as DataOf<R>;
}

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type Op<P extends keyof paths, M extends Method> = paths[P][M];
type Json<C> = C extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
/** The query parameters an operation takes. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** The JSON answer of an operation (its 200 or 201). */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { responses: infer R }
    ? R extends { 200: infer A }
      ? Json<A>
      : R extends { 201: infer A }
        ? Json<A>
        : never
    : never;
