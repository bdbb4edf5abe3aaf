import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { anonCallerOf, callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParamsSchema } from '../../platform/http/schemas.js';
import {
  CreateNoticeBody,
  DecideObjectionBody,
  Notice,
  NoticeList,
  NoticeListQuery,
  ObjectionBody,
  ObjectionReceipt,
  PublicNotice,
  PublicNoticeList,
} from './notice.schema.js';
import {
  closeNotice,
  createNotice,
  getNotice,
  getPublicNotice,
  listNoticesFor,
  listPublicNotices,
  publishNotice,
} from './notice.service.js';
import { decideObjection, lodgeObjection } from './objection.service.js';
import { awardNotice } from './award.service.js';

const tags = ['review: public notice and award'];
const publicTags = ['public: notices'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

/**
 * The public notice (公示), objections (异议) and the award (立项), issue 12: staff routes under
 * /api/review, the public's (no sign-in) under /api/public.
 */
export async function noticeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/review/notices',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '拟立项项目公示（草稿） Draft a public notice of the proposed awards',
        body: CreateNoticeBody,
        response: { 201: Notice, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createNotice(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/review/notices',
    {
      config: { permission: 'review.read' },
      schema: {
        tags,
        summary: '公示列表 Public notices (staff)',
        querystring: NoticeListQuery,
        response: { 200: NoticeList, ...problems },
      },
    },
    async (req) => listNoticesFor(ctx, callerOf(ctx, req), req.query),
  );
  r.get(
    '/review/notices/:id',
    {
      config: { permission: 'review.read' },
      schema: {
        tags,
        summary: '公示详情与异议 A notice with its objections',
        params: IdParamsSchema,
        response: { 200: Notice, ...problems },
      },
    },
    async (req) => getNotice(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/review/notices/:id/publish',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '发布公示 Publish the notice',
        params: IdParamsSchema,
        response: { 200: Notice, ...problems },
      },
    },
    async (req) => publishNotice(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/review/notices/:id/close',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '结束公示（公示期满后） Close the notice (after its period)',
        params: IdParamsSchema,
        response: { 200: Notice, ...problems },
      },
    },
    async (req) => closeNotice(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/review/notices/:id/award',
    {
      config: { permission: 'review.award' },
      schema: {
        tags,
        summary: '确定立项（公示期满、异议办结后） Decide the award',
        params: IdParamsSchema,
        response: { 200: Notice, ...problems },
      },
    },
    async (req) => awardNotice(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/review/objections/:id/decide',
    {
      config: { permission: 'review.manage' },
      schema: {
        tags,
        summary: '记录异议核实结论 Record the finding on an objection',
        params: IdParamsSchema,
        body: DecideObjectionBody,
        response: { 200: Notice, ...problems },
      },
    },
    async (req) => decideObjection(ctx, callerOf(ctx, req), req.params.id, req.body),
  );

  r.get(
    '/public/notices',
    {
      config: { permission: 'public' },
      schema: {
        tags: publicTags,
        summary: '拟立项项目公示（公开） Public notices of proposed awards',
        response: { 200: PublicNoticeList, ...problems },
      },
    },
    async (req) => listPublicNotices(ctx, anonCallerOf(ctx, req)),
  );
  r.get(
    '/public/notices/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags: publicTags,
        summary: '公示详情（公开） A public notice',
        params: IdParamsSchema,
        response: { 200: PublicNotice, ...problems },
      },
    },
    async (req) => getPublicNotice(ctx, anonCallerOf(ctx, req), req.params.id),
  );
  r.post(
    '/public/notices/:id/objections',
    {
      config: { permission: 'public' },
      // up to three pieces of evidence of 3 MB each, in base64
      bodyLimit: 13 * 1024 * 1024,
      schema: {
        tags: publicTags,
        summary: '提出异议（公示期内，实名） Lodge an objection (during the period, with your name)',
        params: IdParamsSchema,
        body: ObjectionBody,
        response: { 201: ObjectionReceipt, ...problems, 429: ProblemSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await lodgeObjection(ctx, anonCallerOf(ctx, req), req.params.id, req.body)),
  );
}
