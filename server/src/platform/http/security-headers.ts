import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Browser security headers on every answer (issue 10 §7; ASVS 5.0 V3.4). Three policies:
 * - the web client: its own scripts only; `style-src 'unsafe-inline'` because Ant Design's CSS-in-JS
 *   inserts `<style>` elements at run time (the built index.html has no inline script); images may be
 *   `data:`/`blob:` (icons, the download link's blob URL);
 * - the API docs (Swagger UI): the same, with its `data:` icons;
 * - API data (JSON, problem answers, file downloads): loads nothing.
 * All forbid framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY`), plugins and `<base>`.
 * HSTS is sent only on an answer to a request that came over HTTPS: `req.protocol` is `https` when the
 * server itself speaks TLS or when a proxy named in TRUST_PROXY said so (`X-Forwarded-Proto`); an
 * untrusted sender's header is ignored by Fastify.
 */
const COMMON = ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"];

export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  ...COMMON,
].join('; ');

export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  ...COMMON,
].join('; ');

export const API_CSP = [
  "default-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const HSTS = 'max-age=31536000; includeSubDomains';

export function cspFor(url: string): string {
  if (url === '/api/docs' || url.startsWith('/api/docs/') || url.startsWith('/api/docs?')) return DOCS_CSP;
  if (url.startsWith('/api/')) return API_CSP;
  return WEB_CSP;
}

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req: FastifyRequest, reply, payload) => {
    reply.header('content-security-policy', cspFor(req.url));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    return payload;
  });
}
