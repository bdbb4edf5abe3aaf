import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { anonCallerOf, callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import {
  Achievement,
  AchievementPage,
  AchievementQuery,
  CreateAchievementBody,
  ImportBody,
  ImportReport,
  PatchAchievementBody,
  PublicAchievement,
  PublicAchievementPage,
  TransitionBody,
} from './achievement.schema.js';
import {
  createAchievement,
  getFullAchievement,
  getPublicAchievement,
  listMyAchievements,
  listPublicAchievements,
  patchAchievement,
  transitionAchievement,
} from './achievement.service.js';
import { importAchievements } from './achievement.import.js';
import { IdParams } from './common.schema.js';
import { ACHIEVEMENT_ACTIONS } from './achievement.workflow.js';

const tags = ['market: achievements'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const ActionParams = IdParams.extend({
  action: z.enum(ACHIEVEMENT_ACTIONS),
});

export async function achievementRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/market/achievements',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '科技成果库（已公开） Published achievements',
        querystring: AchievementQuery.pick({ field: true, page: true, pageSize: true }),
        response: { 200: PublicAchievementPage, ...problems },
      },
    },
    async (req) => listPublicAchievements(ctx, { ...req.query }),
  );
  r.get(
    '/market/achievements/mine',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '本单位/本人的成果（全部状态） My institution’s achievements',
        querystring: AchievementQuery,
        response: { 200: AchievementPage, ...problems },
      },
    },
    async (req) => listMyAchievements(ctx, callerOf(ctx, req), req.query),
  );
  r.post(
    '/market/achievements',
    {
      config: { permission: 'achievement.write' },
      schema: {
        tags,
        summary: '登记成果（草稿） Disclose an achievement (draft)',
        body: CreateAchievementBody,
        response: { 201: Achievement, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createAchievement(ctx, callerOf(ctx, req), req.body)),
  );
  r.post(
    '/market/achievements/import',
    {
      config: { permission: 'achievement.import' },
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags,
        summary: '批量导入成果（Excel/CSV/JSON） Import achievements',
        body: ImportBody,
        response: { 200: ImportReport, ...problems },
      },
    },
    async (req) => importAchievements(ctx, callerOf(ctx, req), req.body),
  );
  r.get(
    '/market/achievements/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '成果详情（公开信息） A published achievement',
        params: IdParams,
        response: { 200: PublicAchievement, ...problems },
      },
    },
    async (req) => getPublicAchievement(ctx, req.params.id, anonCallerOf(ctx, req).actor),
  );
  r.get(
    '/market/achievements/:id/full',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '成果详情（含内部信息，登记人/本单位/管理部门） An achievement with internal fields',
        params: IdParams,
        response: { 200: Achievement, ...problems },
      },
    },
    async (req) => getFullAchievement(ctx, callerOf(ctx, req), req.params.id),
  );
  r.patch(
    '/market/achievements/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '修改成果（草稿或退回状态） Edit a draft or returned achievement',
        params: IdParams,
        body: PatchAchievementBody,
        response: { 200: Achievement, ...problems },
      },
    },
    async (req) => patchAchievement(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.post(
    '/market/achievements/:id/:action',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '成果披露流程：提交/公开/内部留存/退回/撤回 Disclosure workflow action',
        params: ActionParams,
        body: TransitionBody,
        response: { 200: Achievement, ...problems },
      },
    },
    async (req) => transitionAchievement(ctx, callerOf(ctx, req), req.params.id, req.params.action, req.body),
  );
}
