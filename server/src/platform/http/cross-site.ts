import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import { auditEvent } from '../audit.js';
import { auditActor, callerOf } from '../caller.js';

/**
 * Cross-site request forgery (issue 10, fix first 6). The session cookie is SameSite=Lax, which
 * still lets another site's form POST `text/plain` or multipart with it in some browsers and from a
 * sibling subdomain; so every state-changing request (POST, PUT, PATCH, DELETE) is refused 403
 * `cross_site_refused`, before its body is read, when
 * - `Sec-Fetch-Site` is `cross-site` (every current browser sends Fetch Metadata), or
 * - it carries an `Origin` that is neither PUBLIC_URL's origin nor the request's own host
 *   (`Origin: null`, sent by sandboxed frames and after cross-site redirects, is foreign too).
 * A request with neither header passes: browsers send `Origin` on every cross-origin POST, so its
 * absence means a non-browser client (the CLI, a server, `inject` in tests), which carries no
 * ambient cookie an attacker could borrow. The refusal is audited as `security.request.refuse`.
 */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Whether `origin` names this server: PUBLIC_URL's origin, or the host the request was sent to. */
export function isSameOrigin(origin: string, publicUrl: string, host: string | undefined): boolean {
  const o = originOf(origin);
  if (!o) return false;
  if (o === originOf(publicUrl)) return true;
  if (!host) return false;
  // The Host header may spell the scheme's default port (`localhost:80`); the Origin never does.
  return o === originOf(`${new URL(o).protocol}//${host}`);
}

export function crossSiteReason(req: FastifyRequest, publicUrl: string): string | null {
  if (!UNSAFE.has(req.method)) return null;
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'sec-fetch-site: cross-site';
  const origin = req.headers.origin;
  if (origin !== undefined && !isSameOrigin(origin, publicUrl, req.host)) return 'foreign origin';
  return null;
}

/** Registered after the actor is resolved (so the audit names who) and before the body is parsed. */
export function installCrossSiteCheck(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (req) => {
    const reason = crossSiteReason(req, ctx.config.baseUrl);
    if (!reason) return;
    await auditEvent(ctx.db, {
      actor: auditActor(callerOf(ctx, req)),
      action: 'security.request.refuse',
      objectType: 'route',
      objectId: `${req.method} ${req.routeOptions.url ?? req.url}`,
      result: 'denied',
      detail: {
        reason,
        origin: req.headers.origin ?? null,
        secFetchSite: req.headers['sec-fetch-site'] ?? null,
      },
    });
    throw new DomainError('cross_site_refused');
  });
}
