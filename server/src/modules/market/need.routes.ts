import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { anonCallerOf, callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParams } from './common.schema.js';
import {
  CreateNeedBody,
  MyNeedQuery,
  Need,
  NeedPage,
  NeedQuery,
  PatchNeedBody,
  PublicNeed,
  PublicNeedPage,
  Quality,
  QualityCheckBody,
  RefineNeedBody,
  VersionBody,
} from './need.schema.js';
import {
  checkQuality,
  createNeed,
  getFullNeed,
  getPublicNeed,
  listMyNeeds,
  listPublicNeeds,
  patchNeed,
  refineNeed,
  setNeedStatus,
} from './need.service.js';

const tags = ['market: needs'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export async function needRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/market/needs',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '企业技术需求（已发布） Published needs',
        querystring: NeedQuery,
        response: { 200: PublicNeedPage, ...problems },
      },
    },
    async (req) => listPublicNeeds(ctx, req.query),
  );
  r.get(
    '/market/needs/mine',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '本企业的需求；技术经理人：待完善需求 My needs, or needs flagged for refinement',
        querystring: MyNeedQuery,
        response: { 200: NeedPage, ...problems },
      },
    },
    async (req) => listMyNeeds(ctx, callerOf(ctx, req), req.query),
  );
  r.post(
    '/market/needs/quality-check',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '需求质量检查（不保存） Check a need’s quality',
        body: QualityCheckBody,
        response: { 200: Quality, ...problems },
      },
    },
    async (req) =>
      checkQuality({
        problem: req.body.problem,
        indicators: req.body.indicators,
        keywords: req.body.keywords,
        budgetMinFen: req.body.budgetMinFen,
        budgetMaxFen: req.body.budgetMaxFen,
        deadline: req.body.deadline,
      }),
  );
  r.post(
    '/market/needs',
    {
      config: { permission: 'need.write' },
      schema: {
        tags,
        summary: '新建需求（草稿） Create a need (draft)',
        body: CreateNeedBody,
        response: { 201: Need, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createNeed(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/market/needs/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '需求详情（公开信息） A need as others see it',
        params: IdParams,
        response: { 200: PublicNeed, ...problems },
      },
    },
    async (req) => getPublicNeed(ctx, anonCallerOf(ctx, req), req.params.id),
  );
  r.get(
    '/market/needs/:id/full',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '需求详情（含质量检查，本企业/技术经理人/管理部门） A need with its quality check',
        params: IdParams,
        response: { 200: Need, ...problems },
      },
    },
    async (req) => getFullNeed(ctx, callerOf(ctx, req), req.params.id),
  );
  r.patch(
    '/market/needs/:id',
    {
      config: { permission: 'need.write' },
      schema: {
        tags,
        summary: '修改需求 Edit a need',
        params: IdParams,
        body: PatchNeedBody,
        response: { 200: Need, ...problems },
      },
    },
    async (req) => patchNeed(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.post(
    '/market/needs/:id/publish',
    {
      config: { permission: 'need.write' },
      schema: {
        tags,
        summary: '发布需求 Publish a need',
        params: IdParams,
        body: VersionBody,
        response: { 200: Need, ...problems },
      },
    },
    async (req) => setNeedStatus(ctx, callerOf(ctx, req), req.params.id, 'publish', req.body.version),
  );
  r.post(
    '/market/needs/:id/close',
    {
      config: { permission: 'need.write' },
      schema: {
        tags,
        summary: '关闭需求 Close a need',
        params: IdParams,
        body: VersionBody,
        response: { 200: Need, ...problems },
      },
    },
    async (req) => setNeedStatus(ctx, callerOf(ctx, req), req.params.id, 'close', req.body.version),
  );
  r.post(
    '/market/needs/:id/refine',
    {
      config: { permission: 'need.refine' },
      schema: {
        tags,
        summary: '技术经理人完善需求 A technology manager refines a need',
        params: IdParams,
        body: RefineNeedBody,
        response: { 200: Need, ...problems },
      },
    },
    async (req) => refineNeed(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
}
