/** Thin fetch wrapper: JSON in, JSON out, problem+json errors become ApiError. */

export interface FieldProblem {
  field: string;
  code?: string;
  message: string;
  messageEn: string;
}

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

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: { quiet?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      '网络连接失败，请检查网络后重试',
      'Network error; check your connection and retry',
    );
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: any = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const err = new ApiError(
      res.status,
      String(data?.code ?? (res.status === 404 ? 'not_found' : 'internal')),
      String(data?.message ?? (res.status === 404 ? '接口不存在' : '服务器错误')),
      String(data?.messageEn ?? (res.status === 404 ? 'Not found' : 'Server error')),
      Array.isArray(data?.errors) ? data.errors : [],
    );
    if (!opts.quiet) for (const l of listeners) l(err);
    throw err;
  }
  return data as T;
}

export const get = <T>(path: string, q?: Query, opts?: { quiet?: boolean }) =>
  api<T>('GET', withQuery(path, q), undefined, opts);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
