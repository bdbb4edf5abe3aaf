import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { PUBLIC } from '../../platform/permissions.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { oidcCallback, startOidc } from './oidc.service.js';

const tags = ['auth'];

export async function oidcRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/auth/oidc/start',
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        summary: '“一网通办”登录 Sign in through 一网通办 (redirects to the provider)',
        response: { 302: z.null().describe('to the provider'), 400: ProblemSchema, 501: ProblemSchema },
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
        response: { 302: z.null().describe('to / (signed in) or /login?error=…'), 501: ProblemSchema },
      },
    },
    async (req, reply) => oidcCallback(ctx, req, reply),
  );
}
