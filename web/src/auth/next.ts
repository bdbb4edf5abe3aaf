/**
 * Where the browser goes after sign-in: the `next` parameter of /login when it names a page of this
 * site, else the fallback. Only a path on the same origin is accepted (`/programme/calls?apply=…`):
 * never a scheme, a host (`//evil.example`, `/\evil.example`), or a path into the API.
 */
export function safeNext(raw: string | null | undefined, fallback = '/dashboard'): string {
  if (!raw || raw.length > 2000) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  // control characters and backslashes are never part of a path this site links to
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, 'https://same.site.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'https://same.site.invalid') return fallback;
  if (url.pathname === '/login' || url.pathname.startsWith('/api/')) return fallback;
  return url.pathname + url.search + url.hash;
}

/** The sign-in page that returns to `path` afterwards. */
export const loginThen = (path: string) => `/login?next=${encodeURIComponent(path)}`;

/** The page where an organisation admin starts an application to this call (the start dialog opens). */
export const applyPath = (callId: string) => `/programme/calls?apply=${encodeURIComponent(callId)}`;
