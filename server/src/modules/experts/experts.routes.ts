import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParamsSchema } from '../../platform/http/schemas.js';
import {
  ExpertEditBody,
  PoolExpert,
  PoolImportBody,
  PoolImportReport,
  PoolPage,
  PoolQuery,
} from './experts.schema.js';
import { editPoolExpert, getPoolExpert, listExperts } from './pool.service.js';
import { exportPool, importPool, poolTemplate } from './pool-import.service.js';

const tags = ['experts: expert pool'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The expert pool (专家库) for the commission and the programme office. */
export async function expertsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/experts/profiles',
    {
      config: { permission: 'expertPool.read' },
      schema: {
        tags,
        summary: '专家库列表与检索 List and search the expert pool',
        querystring: PoolQuery,
        response: { 200: PoolPage, ...problems },
      },
    },
    async (req) => listExperts(ctx, callerOf(ctx, req), req.query),
  );
  r.get(
    '/experts/profiles/template',
    {
      config: { permission: 'expertPool.write' },
      schema: {
        tags,
        summary: '下载专家导入模板（Excel） Download the import template',
        response: { 200: z.any(), ...problems },
      },
    },
    async (_req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="expert-pool-template.xlsx"`)
        .send(await poolTemplate()),
  );
  r.get(
    '/experts/profiles/export',
    {
      config: { permission: 'expertPool.write' },
      schema: {
        tags,
        summary: '导出专家库（Excel，含联系方式） Export the pool (Excel, with contacts)',
        response: { 200: z.any(), ...problems },
      },
    },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="expert-pool.xlsx"`)
        .send(await exportPool(ctx, callerOf(ctx, req))),
  );
  r.post(
    '/experts/profiles/import',
    {
      config: { permission: 'expertPool.write' },
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags,
        summary: '从 Excel 导入专家（逐行报告） Import experts from Excel (row-by-row report)',
        body: PoolImportBody,
        response: { 200: PoolImportReport, ...problems },
      },
    },
    async (req) => importPool(ctx, callerOf(ctx, req), req.body),
  );
  r.get(
    '/experts/profiles/:id',
    {
      config: { permission: 'expertPool.read' },
      schema: {
        tags,
        summary: '专家详情 One expert of the pool',
        params: IdParamsSchema,
        response: { 200: PoolExpert, ...problems },
      },
    },
    async (req) => getPoolExpert(ctx, callerOf(ctx, req), req.params.id),
  );
  r.put(
    '/experts/profiles/:id',
    {
      config: { permission: 'expertPool.write' },
      schema: {
        tags,
        summary: '编辑专家信息 Edit an expert of the pool',
        params: IdParamsSchema,
        body: ExpertEditBody,
        response: { 200: PoolExpert, ...problems },
      },
    },
    async (req) => editPoolExpert(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
}
