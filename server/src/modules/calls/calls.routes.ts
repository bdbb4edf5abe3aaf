import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonCallerOf, callerOf } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { PUBLIC } from '../../platform/permissions.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import './calls.permissions.js';
import { getPublicCall } from './calls.public.js';
import { CallDetail, CallDraftBody, CallIdParams, CallPage, CallQuery, PublicCall } from './calls.dto.js';
import {
  closeCall,
  createDraft,
  exportCallJson,
  getCallDetail,
  importCallDraft,
  listCallsFor,
  listOpen,
  publishCall,
  updateDraft,
} from './calls.service.js';

const tags = ['calls'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export async function callRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/calls',
    {
      config: { permission: 'call.read' },
      schema: {
        tags,
        summary: '申报指南列表（含草稿） Calls, drafts included',
        querystring: CallQuery,
        response: { 200: CallPage, ...problems },
      },
    },
    async (req) => listCallsFor(ctx, callerOf(ctx, req), req.query),
  );
  r.get(
    '/calls/open',
    {
      config: { permission: PUBLIC },
      schema: { tags, summary: '正在征集的申报指南 Open calls', response: { 200: CallPage } },
    },
    async (req) => listOpen(ctx, anonCallerOf(ctx, req)),
  );
  r.post(
    '/calls',
    {
      config: { permission: 'call.manage' },
      schema: {
        tags,
        summary: '新建指南草稿 Create a draft call',
        body: CallDraftBody,
        response: { 201: CallDetail, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createDraft(ctx, callerOf(ctx, req), req.body.content)),
  );
  r.post(
    '/calls/import',
    {
      config: { permission: 'call.manage' },
      schema: {
        tags,
        summary: '导入指南JSON（存为草稿） Import a call as JSON (stored as a draft)',
        body: z.record(z.string(), z.unknown()).describe('a complete call document (CallSchema)'),
        response: { 201: CallDetail, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await importCallDraft(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/calls/:id',
    {
      config: { permission: 'call.read' },
      schema: {
        tags,
        summary: '指南详情 A call',
        params: CallIdParams,
        response: { 200: CallDetail, ...problems },
      },
    },
    async (req) => getCallDetail(ctx, callerOf(ctx, req), req.params.id),
  );
  r.put(
    '/calls/:id',
    {
      config: { permission: 'call.manage' },
      schema: {
        tags,
        summary: '修改指南草稿 Edit a draft call',
        params: CallIdParams,
        body: CallDraftBody,
        response: { 200: CallDetail, ...problems },
      },
    },
    async (req) =>
      updateDraft(ctx, callerOf(ctx, req), req.params.id, req.body.content, req.body.baseVersion),
  );
  r.post(
    '/calls/:id/publish',
    {
      config: { permission: 'call.publish' },
      schema: {
        tags,
        summary: '发布指南 Publish a call',
        params: CallIdParams,
        response: { 200: CallDetail, ...problems },
      },
    },
    async (req) => publishCall(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/calls/:id/close',
    {
      config: { permission: 'call.manage' },
      schema: {
        tags,
        summary: '结束征集 Close a call',
        params: CallIdParams,
        response: { 200: CallDetail, ...problems },
      },
    },
    async (req) => closeCall(ctx, callerOf(ctx, req), req.params.id),
  );
  r.get(
    '/calls/:id/public',
    {
      config: { permission: PUBLIC },
      schema: {
        tags,
        summary: '指南公开页 Public page of a published call',
        params: CallIdParams,
        response: { 200: PublicCall, 404: ProblemSchema },
      },
    },
    async (req) => getPublicCall(ctx, anonCallerOf(ctx, req), req.params.id),
  );
  r.get(
    '/calls/:id/export',
    {
      config: { permission: 'call.read' },
      schema: {
        tags,
        summary: '导出指南JSON Export a call as JSON',
        params: CallIdParams,
        response: { 200: z.string(), ...problems },
      },
    },
    async (req, reply) => {
      const { text, filename } = await exportCallJson(ctx, callerOf(ctx, req), req.params.id);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(text);
    },
  );
}
