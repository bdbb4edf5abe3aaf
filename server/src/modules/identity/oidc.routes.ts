import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { PUBLIC } from '../../platform/permissions.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { oidcCallback, oidcConfigured, startOidc } from './oidc.service.js';

const tags = ['auth'];
/** The 501 of /auth/oidc/*: a page for a person who followed a link (issue 11), declared as HTML, not JSON. */
const NOT_CONFIGURED_PAGE = {
  description: 'an HTML page (zh, en): 一网通办 sign-in is not set up here',
  content: { 'text/html': { schema: z.string() } },
};

export async function oidcRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/auth/oidc/status',
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        summary: '是否开通“一网通办”登录 Whether sign-in through 一网通办 is set up',
        response: {
          200: z
            .object({ configured: z.boolean() })
            .meta({ id: 'OidcStatus' })
            .describe('configured: the sign-in pages show the 一网通办 button only when true'),
        },
      },
    },
    async () => ({ configured: oidcConfigured(ctx) }),
  );
  r.get(
    '/auth/oidc/start',
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        summary: '“一网通办”登录 Sign in through 一网通办 (redirects to the provider)',
        response: {
          302: z.null().describe('to the provider'),
          400: ProblemSchema,
          501: NOT_CONFIGURED_PAGE,
        },
      },
    },
    async (req, reply) => startOidc(ctx, req, reply),
  );
  r.get(
    '/auth/oidc/callback',
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        summary: '“一网通办”登录回调 Return from 一网通办',
        querystring: z
          .object({ code: z.string().max(2000).optional(), state: z.string().max(500).optional() })
          .loose(),
        response: {
          302: z.null().describe('to / (signed in) or /login?error=…'),
          501: NOT_CONFIGURED_PAGE,
        },
      },
    },
    async (req, reply) => oidcCallback(ctx, req, reply),
  );
}
