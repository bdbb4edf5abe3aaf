import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { definePermissions, type NameSet } from '../../platform/permissions.js';
import { callerOf } from '../../platform/caller.js';
import { DeadJobPage, DeadJobParams, DeadJobQuery, QueuesView, RetryResult } from './jobs.schema.js';
import { deadJobs, queuesView, retryDeadJob } from './jobs.service.js';

export const JOB_PERMISSIONS = definePermissions({
  'job.read': {
    zh: '查看后台任务',
    en: 'View background jobs',
    roles: ['systemAdmin', 'programmeOfficeStaff'],
  },
  'job.retry': {
    zh: '重试失败任务',
    en: 'Retry failed jobs',
    roles: ['systemAdmin', 'programmeOfficeStaff'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof JOB_PERMISSIONS> {}
}

export async function jobsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/jobs/queues',
    {
      config: { permission: 'job.read' },
      schema: { tags: ['jobs'], summary: '任务队列 Job queues', response: { 200: QueuesView } },
    },
    async () => queuesView(ctx),
  );
  r.get(
    '/jobs/dead',
    {
      config: { permission: 'job.read' },
      schema: {
        tags: ['jobs'],
        summary: '死信任务 Dead-letter jobs',
        querystring: DeadJobQuery,
        response: { 200: DeadJobPage },
      },
    },
    async (req) => deadJobs(ctx, req.query),
  );
  r.post(
    '/jobs/dead/:id/retry',
    {
      config: { permission: 'job.retry' },
      schema: {
        tags: ['jobs'],
        summary: '重试死信任务 Retry a dead-letter job',
        params: DeadJobParams,
        response: { 200: RetryResult },
      },
    },
    async (req) => retryDeadJob(ctx, callerOf(ctx, req), req.params.id),
  );
}
