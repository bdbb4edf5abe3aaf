/**
 * The __name__ module's routes: thin. Each declares its permission (`config.permission`), its Zod
 * schemas (request and every answer), builds the Caller and calls one service function.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { callerOf } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParamsSchema } from '../../platform/http/schemas.js';
import {
  __Name__ActionBody,
  __Name__Page,
  __Name__Query,
  __Name__Record,
  Create__Name__Body,
  Patch__Name__Body,
} from './__name__.schema.js';
import {
  act__Name__,
  create__Name__,
  get__Name__Record,
  list__Name__Records,
  patch__Name__,
} from './__name__.service.js';

const tags = ['__name__'];
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

/** The workflow actions that have a route of their own, with the permission each route checks first. */
const ACTIONS = [
  { action: 'submit', permission: '__name__.write', summary: '提交审核 Submit for review' },
  { action: 'approve', permission: '__name__.review', summary: '审核通过 Approve' },
  { action: 'return', permission: '__name__.review', summary: '退回修改 Return for changes' },
] as const;

export async function __name__Routes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/__name__/records',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '记录列表 Records the caller may see',
        querystring: __Name__Query,
        response: { 200: __Name__Page, ...problems },
      },
    },
    async (req) => list__Name__Records(ctx, callerOf(ctx, req), req.query),
  );
  r.post(
    '/__name__/records',
    {
      config: { permission: '__name__.write' },
      schema: {
        tags,
        summary: '新建记录（草稿） Create a record (draft)',
        body: Create__Name__Body,
        response: { 201: __Name__Record, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await create__Name__(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/__name__/records/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '记录详情 A record',
        params: IdParamsSchema,
        response: { 200: __Name__Record, ...problems },
      },
    },
    async (req) => get__Name__Record(ctx, callerOf(ctx, req), req.params.id),
  );
  r.patch(
    '/__name__/records/:id',
    {
      config: { permission: '__name__.write' },
      schema: {
        tags,
        summary: '修改记录 Edit a record',
        params: IdParamsSchema,
        body: Patch__Name__Body,
        response: { 200: __Name__Record, ...problems },
      },
    },
    async (req) => patch__Name__(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  for (const { action, permission, summary } of ACTIONS)
    r.post(
      `/__name__/records/:id/${action}`,
      {
        config: { permission },
        schema: { tags, summary, params: IdParamsSchema, body: __Name__ActionBody, response: { 200: __Name__Record, ...problems } },
      },
      async (req) => act__Name__(ctx, callerOf(ctx, req), req.params.id, action, req.body),
    );
}
