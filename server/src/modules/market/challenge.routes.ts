import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { anonCallerOf, callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParams } from './common.schema.js';
import { CHALLENGE_STEPS } from './challenge.workflow.js';
import {
  AssignExpertsBody,
  AttachNeedsBody,
  Challenge,
  ChallengeActionBody,
  ChallengeList,
  CreateChallengeBody,
  ScoreBody,
  Screening,
  WinnersBody,
} from './challenge.schema.js';
import {
  assignChallengeExperts,
  attachChallengeNeeds,
  challengeAction,
  createChallenge,
  getChallenge,
  listChallengesFor,
  scoreSolution,
  screening,
  setWinners,
} from './challenge.service.js';

const tags = ['market: challenges'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export async function challengeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/market/challenges',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '挑战赛列表 Challenges', response: { 200: ChallengeList, ...problems } },
    },
    async (req) => listChallengesFor(ctx, anonCallerOf(ctx, req)),
  );
  r.post(
    '/market/challenges',
    {
      config: { permission: 'challenge.manage' },
      schema: {
        tags,
        summary: '新建揭榜挂帅/创新挑战赛 Create a challenge',
        body: CreateChallengeBody,
        response: { 201: Challenge, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createChallenge(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/market/challenges/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '挑战赛详情与公开结果 A challenge and its public result',
        params: IdParams,
        response: { 200: Challenge, ...problems },
      },
    },
    async (req) => getChallenge(ctx, anonCallerOf(ctx, req), req.params.id),
  );
  r.post(
    '/market/challenges/:id/needs',
    {
      config: { permission: 'challenge.manage' },
      schema: {
        tags,
        summary: '加入需求（榜单） Add needs',
        params: IdParams,
        body: AttachNeedsBody,
        response: { 200: Challenge, ...problems },
      },
    },
    async (req) => attachChallengeNeeds(ctx, callerOf(ctx, req), req.params.id, req.body.needIds),
  );
  r.post(
    '/market/challenges/:id/experts',
    {
      config: { permission: 'challenge.manage' },
      schema: {
        tags,
        summary: '指派初筛专家 Assign experts',
        params: IdParams,
        body: AssignExpertsBody,
        response: { 200: Challenge, ...problems },
      },
    },
    async (req) => assignChallengeExperts(ctx, callerOf(ctx, req), req.params.id, req.body.userIds),
  );
  r.post(
    '/market/challenges/:id/winners',
    {
      config: { permission: 'challenge.award' },
      schema: {
        tags,
        summary: '确定获胜方案 Name the winners',
        params: IdParams,
        body: WinnersBody,
        response: { 200: Challenge, ...problems },
      },
    },
    async (req) => setWinners(ctx, callerOf(ctx, req), req.params.id, req.body.winners),
  );
  r.get(
    '/market/challenges/:id/screening',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '专家初筛表（组织方、受邀专家） Pre-screening sheet',
        params: IdParams,
        response: { 200: Screening, ...problems },
      },
    },
    async (req) => screening(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/market/challenges/:id/scores',
    {
      config: { permission: 'challenge.score' },
      schema: {
        tags,
        summary: '专家初筛评分 Score a solution',
        params: IdParams,
        body: ScoreBody,
        response: { 200: Screening, ...problems },
      },
    },
    async (req) => scoreSolution(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.post(
    '/market/challenges/:id/:action',
    {
      config: { permission: 'challenge.manage' },
      schema: {
        tags,
        summary: '挑战赛流程：开始征集/专家初筛/下一轮/结束评选/公布结果 Challenge lifecycle',
        params: IdParams.extend({
          action: z.enum(CHALLENGE_STEPS),
        }),
        body: ChallengeActionBody,
        response: { 200: Challenge, ...problems },
      },
    },
    async (req) => challengeAction(ctx, callerOf(ctx, req), req.params.id, req.params.action, req.body),
  );
}
