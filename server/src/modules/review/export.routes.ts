import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { attachmentDisposition } from '../files/index.js';
import { opinionDocx } from './opinion-export.service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const Params = z.object({ id: z.string().min(1).max(64), applicationId: z.string().min(1).max(64) });

/** Word exports of expert review for the project file. */
export async function exportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/review/rounds/:id/applications/:applicationId/opinion.docx',
    {
      config: { permission: 'review.read' },
      schema: {
        tags: ['review: expert review'],
        summary: '导出专家评审意见表（Word，专家以编号显示） Export the expert opinion form (Word)',
        params: Params,
        response: { 200: z.any(), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await opinionDocx(
        ctx,
        callerOf(ctx, req),
        req.params.id,
        req.params.applicationId,
      );
      return reply.type(DOCX).header('content-disposition', attachmentDisposition(filename)).send(buffer);
    },
  );
}
