import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { callerOf } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { definePermissions, type NameSet } from '../../platform/permissions.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { OngoingImportBody, OngoingImportReport, OngoingPage, OngoingQuery } from './ongoing.schema.js';
import { importOngoingProjects, listOngoingProjects } from './ongoing.service.js';

export const ONGOING_PERMISSIONS = definePermissions({
  'ongoingProjects.read': {
    zh: '查看在研项目登记',
    en: 'View the ongoing-projects registry',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'auditor'],
  },
  'ongoingProjects.import': {
    zh: '导入在研项目登记',
    en: 'Import the ongoing-projects registry',
    roles: ['commissionStaff', 'programmeOfficeStaff'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof ONGOING_PERMISSIONS> {}
}

const tags = ['ongoing projects'];
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 413: ProblemSchema };

export async function ongoingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/programme/ongoing-projects/import',
    {
      config: { permission: 'ongoingProjects.import' },
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags,
        summary:
          '导入在研项目登记（Excel，先试运行后提交） Import ongoing projects from the registry (dry run, then commit)',
        body: OngoingImportBody,
        response: { 200: OngoingImportReport, ...problems },
      },
    },
    async (req) => importOngoingProjects(ctx, callerOf(ctx, req), req.body),
  );
  r.get(
    '/programme/ongoing-projects',
    {
      config: { permission: 'ongoingProjects.read' },
      schema: {
        tags,
        summary: '在研项目登记（身份证号脱敏） The ongoing-projects registry (ID numbers masked)',
        querystring: OngoingQuery,
        response: { 200: OngoingPage, ...problems },
      },
    },
    async (req) => listOngoingProjects(ctx, req.query),
  );
}
