import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParamsSchema } from '../../platform/http/schemas.js';
import { callFinalRanking } from './final.service.js';
import { CreateSessionBody, FinalRanking, MinutesBody, PanelSession, PanelSessions } from './panel.schema.js';
import { getSession, listSessions, notifySession, recordMinutes, scheduleSession } from './panel.service.js';
import { VersionBody } from './review.schema.js';

const tags = ['review: expert review'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

/** The panel round's sessions (见面会) and a call's final ranking over both rounds. */
export async function panelRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = { permission: 'review.manage' } as const;
  const read = { permission: 'review.read' } as const;

  r.post(
    '/review/rounds/:id/sessions',
    {
      config: manage,
      schema: {
        tags,
        summary: '安排见面会场次（答辩顺序与时间） Schedule a panel session',
        params: IdParamsSchema,
        body: CreateSessionBody,
        response: { 200: PanelSession, ...problems },
      },
    },
    async (req) => scheduleSession(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.get(
    '/review/rounds/:id/sessions',
    {
      config: read,
      schema: {
        tags,
        summary: '见面会场次与未排期项目 The panel sessions and unscheduled applications',
        params: IdParamsSchema,
        response: { 200: PanelSessions, ...problems },
      },
    },
    async (req) => listSessions(ctx, callerOf(ctx, req), req.params.id),
  );
  r.get(
    '/review/sessions/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '见面会场次 A panel session',
        params: IdParamsSchema,
        response: { 200: PanelSession, ...problems },
      },
    },
    async (req) => getSession(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/review/sessions/:id/notify',
    {
      config: manage,
      schema: {
        tags,
        summary: '通知申报单位答辩时间（邮件与站内信） Tell the applicants their slots',
        params: IdParamsSchema,
        body: VersionBody,
        response: { 200: PanelSession, ...problems },
      },
    },
    async (req) => notifySession(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.post(
    '/review/sessions/:id/minutes',
    {
      config: manage,
      schema: {
        tags,
        summary: '录入会议纪要与每个项目的结论 Record the minutes and decisions',
        params: IdParamsSchema,
        body: MinutesBody,
        response: { 200: PanelSession, ...problems },
      },
    },
    async (req) => recordMinutes(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.get(
    '/review/calls/:id/final-ranking',
    {
      config: read,
      schema: {
        tags,
        summary: '最终排名（一轮：通讯评审；两轮：见面会评分） The final ranking of a call',
        params: IdParamsSchema,
        response: { 200: FinalRanking, ...problems },
      },
    },
    async (req) => callFinalRanking(ctx, callerOf(ctx, req), req.params.id),
  );
}
