import type { RoutePermission } from '../permissions.js';
import type { Actor } from '../roles.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs: a registry name, `public` or `authenticated`. */
    permission?: RoutePermission;
    /** Needs a fresh password/TOTP confirmation (sensitive changes). */
    reauth?: boolean;
    /** Allowed before a staff user has finished TOTP (login, enrolment). */
    allowWithoutMfa?: boolean;
    /** usable while the user must still change an administrator-set password (set-up routes) */
    duringPasswordChange?: boolean;
    /** `false`: the route's request or answer carries a secret, so Idempotency-Key is ignored (nothing cached). */
    idempotency?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export {};
