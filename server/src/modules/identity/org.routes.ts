import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { callerOf } from '../../platform/caller.js';
import { CreateOrgBody, IdParams, Org, OrgPage, OrgQuery, PatchOrgBody } from './org.schema.js';
import { createOrg, getOrg, listOrgsFor, patchOrg } from './org.service.js';

const tags = ['orgs'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export async function orgRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/orgs',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '单位列表 Organisations',
        querystring: OrgQuery,
        response: { 200: OrgPage, ...problems },
      },
    },
    async (req) => listOrgsFor(ctx, callerOf(ctx, req), req.query),
  );
  r.post(
    '/orgs',
    {
      config: { permission: 'org.create' },
      schema: {
        tags,
        summary: '新建单位 Create an organisation',
        body: CreateOrgBody,
        response: { 201: Org, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createOrg(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/orgs/:id',
    {
      config: { permission: 'org.read' },
      schema: {
        tags,
        summary: '单位详情 An organisation',
        params: IdParams,
        response: { 200: Org, ...problems },
      },
    },
    async (req) => getOrg(ctx, callerOf(ctx, req), req.params.id),
  );
  r.patch(
    '/orgs/:id',
    {
      config: { permission: 'org.update' },
      schema: {
        tags,
        summary: '修改单位信息 Edit an organisation',
        params: IdParams,
        body: PatchOrgBody,
        response: { 200: Org, ...problems },
      },
    },
    async (req) => patchOrg(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
}
