import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParams } from './common.schema.js';
import {
  CreateSolutionBody,
  SOLUTION_ACTIONS,
  Solution,
  SolutionActionBody,
  SolutionList,
  SolutionQuery,
} from './solution.schema.js';
import { actOnSolution, createSolution, getSolution, listSolutionsFor } from './solution.service.js';
import { Funnel, FunnelQuery } from './funnel.schema.js';
import { funnel, needFunnel } from './funnel.service.js';

const tags = ['market: solutions'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export async function solutionRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/market/needs/:id/solutions',
    {
      config: { permission: 'solution.write' },
      schema: {
        tags,
        summary: '提交解决方案（答题） Answer a need',
        params: IdParams,
        body: CreateSolutionBody,
        response: { 201: Solution, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createSolution(ctx, callerOf(ctx, req), req.params.id, req.body)),
  );
  r.get(
    '/market/needs/:id/solutions',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '需求收到的方案（需求企业、技术经理人可见全部，答题人只见自己的） Solutions of a need',
        params: IdParams,
        querystring: SolutionQuery,
        response: { 200: SolutionList, ...problems },
      },
    },
    async (req) =>
      listSolutionsFor(
        ctx,
        callerOf(ctx, req),
        { needId: req.params.id, status: req.query.status },
        req.query.page,
        req.query.pageSize,
      ),
  );
  r.get(
    '/market/solutions/mine',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '我提交的方案及阅卷反馈 My solutions and feedback',
        querystring: SolutionQuery,
        response: { 200: SolutionList, ...problems },
      },
    },
    async (req) =>
      listSolutionsFor(
        ctx,
        callerOf(ctx, req),
        { solverUserId: req.actor!.userId, status: req.query.status },
        req.query.page,
        req.query.pageSize,
      ),
  );
  r.get(
    '/market/solutions/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '方案详情与流程记录 A solution and its history',
        params: IdParams,
        response: { 200: Solution, ...problems },
      },
    },
    async (req) => getSolution(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/market/solutions/:id/:action',
    {
      config: { permission: 'solution.act' },
      schema: {
        tags,
        summary: '阅卷与对接：入围/不采纳/引荐/洽谈/签约/终止/撤回 Judge or move a solution',
        params: IdParams.extend({ action: z.enum(SOLUTION_ACTIONS) }),
        body: SolutionActionBody,
        response: { 200: Solution, ...problems },
      },
    },
    async (req) => actOnSolution(ctx, callerOf(ctx, req), req.params.id, req.params.action, req.body),
  );
  r.get(
    '/market/funnel',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['market: funnel'],
        summary: '供需对接漏斗与对接率（全市） Market funnel and match rate',
        querystring: FunnelQuery,
        response: { 200: Funnel, ...problems },
      },
    },
    async (req) => funnel(ctx, req.query),
  );
  r.get(
    '/market/needs/:id/funnel',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['market: funnel'],
        summary: '单个需求的对接漏斗 Funnel of one need',
        params: IdParams,
        response: { 200: Funnel, ...problems },
      },
    },
    async (req) => needFunnel(ctx, callerOf(ctx, req), req.params.id),
  );
}
