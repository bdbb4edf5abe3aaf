import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { callerOf } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import '../calls/index.js'; // registers call.manage
import { ImportHistoricalBody, ImportHistoricalResult } from './historical.schema.js';
import { importHistoricalCall } from './historical.service.js';

export async function historicalRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/calls/import-historical',
    {
      config: { permission: 'call.manage' },
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags: ['calls'],
        summary:
          '导入往年指南及其申报、审查结论和立项结果（只读存档） Import a historical call with its applications and outcomes (read-only record)',
        body: ImportHistoricalBody,
        response: {
          201: ImportHistoricalResult,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await importHistoricalCall(ctx, callerOf(ctx, req), req.body)),
  );
}
