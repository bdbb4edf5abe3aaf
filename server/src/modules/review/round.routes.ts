import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParamsSchema } from '../../platform/http/schemas.js';
import { assignRound } from './assign.service.js';
import { acceptAssignment, addExpert, changeExpert, declineAssignment } from './assignment.service.js';
import {
  ChangeBody,
  CreateRoundBody,
  DeclineBody,
  ExpertTask,
  ExpertTaskDetail,
  ResultsQuery,
  RoundDetail,
  RoundQuery,
  RoundResults,
  RoundSummary,
  ScoreBody,
  VersionBody,
} from './review.schema.js';
import { roundResults } from './results.service.js';
import { resultsWorkbook } from './results-export.service.js';
import { closeRound, createRound, getRound, listRounds, openRound } from './round.service.js';
import { myTasks, saveScore, taskDetail } from './score.service.js';
import { DEFAULT_SCORE_SHEET } from './score-sheet.data.js';
import { ScoreSheetSchema } from './score-sheet.schema.js';

const tags = ['review: expert review'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const AddBody = z.strictObject({
  applicationId: z.string().min(1).max(64),
  expertUserId: z.string().min(1).max(64),
  reason: ChangeBody.shape.reason,
});

/** Review rounds for the programme office, and the tasks of the experts assigned in them. */
export async function roundRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = { permission: 'review.manage' } as const;
  const score = { permission: 'review.score' } as const;

  r.post(
    '/review/rounds',
    {
      config: manage,
      schema: {
        tags,
        summary: '新建评审轮次（评分表、截止时间、每项专家数） Create a review round',
        body: CreateRoundBody,
        response: { 200: RoundDetail, ...problems },
      },
    },
    async (req) => createRound(ctx, callerOf(ctx, req), req.body),
  );
  r.get(
    '/review/score-sheets/default',
    {
      config: manage,
      schema: {
        tags,
        summary: '新建轮次的默认评分表 The score sheet a new round starts with',
        response: { 200: ScoreSheetSchema, ...problems },
      },
    },
    async () => DEFAULT_SCORE_SHEET,
  );
  r.get(
    '/review/rounds',
    {
      config: { permission: 'review.read' },
      schema: {
        tags,
        summary: '指南的评审轮次 The review rounds of a call',
        querystring: RoundQuery,
        response: { 200: z.array(RoundSummary), ...problems },
      },
    },
    async (req) => listRounds(ctx, callerOf(ctx, req), req.query.callId),
  );
  r.get(
    '/review/rounds/:id',
    {
      config: { permission: 'review.read' },
      schema: {
        tags,
        summary: '评审轮次：分配表与回避原因 A round: assignments and exclusions',
        params: IdParamsSchema,
        response: { 200: RoundDetail, ...problems },
      },
    },
    async (req) => getRound(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/review/rounds/:id/assign',
    {
      config: manage,
      schema: {
        tags,
        summary: '自动分配专家（回避规则 + 最优匹配） Assign experts automatically',
        params: IdParamsSchema,
        response: { 200: RoundDetail, ...problems },
      },
    },
    async (req) => {
      const caller = callerOf(ctx, req);
      await assignRound(ctx, caller, req.params.id);
      return getRound(ctx, caller, req.params.id);
    },
  );
  for (const [action, fn, summary] of [
    ['open', openRound, '开始评审并通知专家 Open the round and notify the experts'],
    ['close', closeRound, '结束评审 Close the round'],
  ] as const)
    r.post(
      `/review/rounds/:id/${action}`,
      {
        config: manage,
        schema: {
          tags,
          summary,
          params: IdParamsSchema,
          body: VersionBody,
          response: { 200: RoundDetail, ...problems },
        },
      },
      async (req) => fn(ctx, callerOf(ctx, req), req.params.id, req.body),
    );
  r.post(
    '/review/rounds/:id/assignments',
    {
      config: manage,
      schema: {
        tags,
        summary: '为项目补充一位专家（须写明理由） Add an expert to an application',
        params: IdParamsSchema,
        body: AddBody,
        response: { 200: RoundDetail, ...problems },
      },
    },
    async (req) => {
      const caller = callerOf(ctx, req);
      await addExpert(ctx, caller, req.params.id, req.body);
      return getRound(ctx, caller, req.params.id);
    },
  );
  r.get(
    '/review/rounds/:id/results',
    {
      config: { permission: 'review.read' },
      schema: {
        tags,
        summary: '评审结果：汇总与分方向排名 Results: aggregation and ranking by direction',
        params: IdParamsSchema,
        querystring: ResultsQuery,
        response: { 200: RoundResults, ...problems },
      },
    },
    async (req) => roundResults(ctx, callerOf(ctx, req), req.params.id, req.query.standardise === 'true'),
  );
  r.get(
    '/review/rounds/:id/results/export',
    {
      config: { permission: 'review.read' },
      schema: {
        tags,
        summary: '导出评审结果（Excel：排名与评分明细，专家以编号显示） Export the results (Excel)',
        params: IdParamsSchema,
        querystring: ResultsQuery,
        response: { 200: z.any(), ...problems },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await resultsWorkbook(
        ctx,
        callerOf(ctx, req),
        req.params.id,
        req.query.standardise === 'true',
      );
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(buffer);
    },
  );
  r.post(
    '/review/assignments/:id/change',
    {
      config: manage,
      schema: {
        tags,
        summary: '更换专家（须写明理由，不得违反回避规则） Change the expert of an assignment',
        params: IdParamsSchema,
        body: ChangeBody,
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await changeExpert(ctx, callerOf(ctx, req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/review/tasks',
    {
      config: score,
      schema: {
        tags,
        summary: '我的评审任务 My review tasks',
        response: { 200: z.array(ExpertTask), ...problems },
      },
    },
    async (req) => myTasks(ctx, callerOf(ctx, req)),
  );
  r.get(
    '/review/tasks/:id',
    {
      config: score,
      schema: {
        tags,
        summary:
          '评审任务：项目材料（匿名评审时隐去申报方信息）与评分表 A task: the application and the sheet',
        params: IdParamsSchema,
        response: { 200: ExpertTaskDetail, ...problems },
      },
    },
    async (req) => taskDetail(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/review/tasks/:id/accept',
    {
      config: score,
      schema: {
        tags,
        summary: '接受评审任务 Accept a task',
        params: IdParamsSchema,
        body: VersionBody,
        response: { 200: ExpertTaskDetail, ...problems },
      },
    },
    async (req) => {
      const caller = callerOf(ctx, req);
      await acceptAssignment(ctx, caller, req.params.id, req.body);
      return taskDetail(ctx, caller, req.params.id);
    },
  );
  r.post(
    '/review/tasks/:id/decline',
    {
      config: score,
      schema: {
        tags,
        summary: '谢绝评审任务（可申报利益冲突回避） Decline a task (or declare a conflict)',
        params: IdParamsSchema,
        body: DeclineBody,
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await declineAssignment(ctx, callerOf(ctx, req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );
  for (const [action, submit, summary] of [
    ['scores', false, '保存评分（草稿） Save the score sheet (draft)'],
    ['submit', true, '提交评分（截止前，提交后不可修改） Submit the score sheet'],
  ] as const)
    r.post(
      `/review/tasks/:id/${action}`,
      {
        config: score,
        schema: {
          tags,
          summary,
          params: IdParamsSchema,
          body: ScoreBody,
          response: { 200: ExpertTaskDetail, ...problems },
        },
      },
      async (req) => saveScore(ctx, callerOf(ctx, req), req.params.id, req.body, submit),
    );
}
