import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import './application.policy.js';
import { IdParams } from './application.schema.js';
import {
  CallParams,
  DecisionBody,
  RunParams,
  ScreeningItemDto,
  ScreeningListDto,
  ScreeningQuery,
  ScreeningRunDto,
} from './screening.schema.js';
import { decideFinding, getScreeningRun, screeningList, startScreeningRun } from './screening.service.js';
import { screeningWorkbook } from './screening.export.js';

const tags = ['screening'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export async function screeningRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/calls/:id/screening',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags,
        summary: '形式审查清单 Screening list',
        params: CallParams,
        querystring: ScreeningQuery,
        response: { 200: ScreeningListDto, ...problems },
      },
    },
    async (req) => screeningList(ctx, req.params.id, req.query),
  );
  r.get(
    '/calls/:id/screening/export',
    {
      config: { permission: 'screening.export' },
      schema: {
        tags,
        summary:
          '导出形式审查清单（Excel，个人信息脱敏） Export the screening list (Excel, personal data masked)',
        params: CallParams,
        querystring: ScreeningQuery,
        response: { 200: z.any(), ...problems },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await screeningWorkbook(ctx, callerOf(ctx, req), req.params.id, req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(buffer);
    },
  );
  r.post(
    '/calls/:id/screening/run',
    {
      config: { permission: 'screening.run' },
      schema: {
        tags,
        summary: '对全部已提交申报运行形式审查 Run screening over all submitted applications',
        params: CallParams,
        response: { 200: ScreeningRunDto, ...problems },
      },
    },
    async (req) => startScreeningRun(ctx, callerOf(ctx, req), req.params.id),
  );
  r.get(
    '/calls/:id/screening/runs/:runId',
    {
      config: { permission: 'screening.read' },
      schema: {
        tags,
        summary: '审查批次进度 Progress of a run',
        params: RunParams,
        response: { 200: ScreeningRunDto, ...problems },
      },
    },
    async (req) => getScreeningRun(ctx, req.params.id, req.params.runId),
  );
  r.post(
    '/applications/:id/screening/decisions',
    {
      config: { permission: 'screening.decide' },
      schema: {
        tags,
        summary: '确认或调整审查结论（须写理由） Confirm or override a finding (with a reason)',
        params: IdParams,
        body: DecisionBody,
        response: { 200: ScreeningItemDto, ...problems },
      },
    },
    async (req) => decideFinding(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
}
