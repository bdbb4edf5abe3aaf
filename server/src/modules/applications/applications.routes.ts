import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import './application.policy.js';
import {
  ApplicationDetail,
  ApplicationPage,
  ApplicationQuery,
  AttachBody,
  AttachmentDto,
  AttachmentParams,
  CreateApplicationBody,
  DocumentQuery,
  DistrictReviewBody,
  IdParams,
  OrgReviewBody,
  ReceiptDto,
  SaveDraftBody,
  SaveResult,
  VersionContent,
  VersionList,
  VersionParams,
} from './application.schema.js';
import { ChecklistDto } from './screening.schema.js';
import {
  deleteDraft,
  getApplication,
  listApplicationsFor,
  saveDraft,
  startApplication,
} from './applications.service.js';
import { checklistFor, versionOf, versionsOf } from './application.checklist.js';
import { districtReview, orgReview, sendForReview } from './review.service.js';
import { getReceipt, submitApplication } from './submit.service.js';
import { attach, attachmentsOf, detach } from './attachments.service.js';
import { applicationDocument, receiptDocument, type Download } from './document.service.js';
import { attachmentDisposition } from '../files/index.js';
import type { FastifyReply } from 'fastify';

const sendDownload = (reply: FastifyReply, d: Download) =>
  reply.type(d.contentType).header('content-disposition', attachmentDisposition(d.filename)).send(d.buffer);

const tags = ['applications'];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

export async function applicationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/applications',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '项目申报列表 Applications I may see',
        querystring: ApplicationQuery,
        response: { 200: ApplicationPage, ...problems },
      },
    },
    async (req) => listApplicationsFor(ctx, callerOf(ctx, req), req.query),
  );
  r.post(
    '/applications',
    {
      config: { permission: 'application.create' },
      schema: {
        tags,
        summary: '发起项目申报 Start an application',
        body: CreateApplicationBody,
        response: { 201: ApplicationDetail, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await startApplication(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/applications/:id',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '申报书详情 An application',
        params: IdParams,
        response: { 200: ApplicationDetail, ...problems },
      },
    },
    async (req) => getApplication(ctx, callerOf(ctx, req), req.params.id),
  );
  r.delete(
    '/applications/:id',
    {
      config: { permission: 'application.create' },
      schema: {
        tags,
        summary: '删除申报草稿 Delete a draft',
        params: IdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteDraft(ctx, callerOf(ctx, req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.patch(
    '/applications/:id/draft',
    {
      config: { permission: 'application.edit' },
      schema: {
        tags,
        summary:
          '保存草稿（每次保存一个版本，有误也保存） Save the draft (every save is a version; stored even with errors)',
        params: IdParams,
        body: SaveDraftBody,
        response: { 200: SaveResult, ...problems },
      },
    },
    async (req) => saveDraft(ctx, callerOf(ctx, req), req.params.id, req.body as never),
  );
  r.get(
    '/applications/:id/versions',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '草稿版本 Saved versions',
        params: IdParams,
        response: { 200: VersionList, ...problems },
      },
    },
    async (req) => versionsOf(ctx, callerOf(ctx, req), req.params.id),
  );
  r.get(
    '/applications/:id/versions/:version',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '某一版本内容 One saved version',
        params: VersionParams,
        response: { 200: VersionContent, ...problems },
      },
    },
    async (req) => versionOf(ctx, callerOf(ctx, req), req.params.id, req.params.version),
  );
  r.get(
    '/applications/:id/checklist',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '实时形式审查清单 Live checklist',
        params: IdParams,
        response: { 200: ChecklistDto, ...problems },
      },
    },
    async (req) =>
      (await checklistFor(ctx, callerOf(ctx, req), req.params.id)) as z.infer<typeof ChecklistDto>,
  );
  r.get(
    '/applications/:id/attachments',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '附件 Attachments',
        params: IdParams,
        response: { 200: z.object({ items: z.array(AttachmentDto) }), ...problems },
      },
    },
    async (req) => attachmentsOf(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/applications/:id/attachments',
    {
      config: { permission: 'application.edit' },
      schema: {
        tags,
        summary: '关联已上传文件为附件 Link an uploaded file',
        params: IdParams,
        body: AttachBody,
        response: { 201: AttachmentDto, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await attach(ctx, callerOf(ctx, req), req.params.id, req.body)),
  );
  r.delete(
    '/applications/:id/attachments/:attachmentId',
    {
      config: { permission: 'application.edit' },
      schema: {
        tags,
        summary: '移除附件 Unlink an attachment',
        params: AttachmentParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (req, reply) => {
      await detach(ctx, callerOf(ctx, req), req.params.id, req.params.attachmentId);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/applications/:id/send-for-review',
    {
      config: { permission: 'application.edit' },
      schema: {
        tags,
        summary: '提交单位审核 Send for organisation review',
        params: IdParams,
        response: { 200: ApplicationDetail, ...problems },
      },
    },
    async (req) => sendForReview(ctx, callerOf(ctx, req), req.params.id),
  );
  r.post(
    '/applications/:id/org-review',
    {
      config: { permission: 'application.orgReview' },
      schema: {
        tags,
        summary: '申报单位审核 Organisation review',
        params: IdParams,
        body: OrgReviewBody,
        response: { 200: ApplicationDetail, ...problems },
      },
    },
    async (req) => orgReview(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.post(
    '/applications/:id/district-review',
    {
      config: { permission: 'application.districtReview' },
      schema: {
        tags,
        summary: '推荐部门审核 District recommendation',
        params: IdParams,
        body: DistrictReviewBody,
        response: { 200: ApplicationDetail, ...problems },
      },
    },
    async (req) => districtReview(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.post(
    '/applications/:id/submit',
    {
      config: { permission: 'application.submit' },
      schema: {
        tags,
        summary: '正式提交（按服务器北京时间判定截止） Submit (deadline judged by server time)',
        params: IdParams,
        response: { 200: ReceiptDto, 201: ReceiptDto, ...problems },
      },
    },
    async (req, reply) => {
      // the deadline is judged on the caller's receive instant (callerOf takes the server time)
      const out = await submitApplication(ctx, callerOf(ctx, req), req.params.id);
      return reply.status(out.created ? 201 : 200).send(out.receipt);
    },
  );
  r.get(
    '/applications/:id/receipt',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '申报回执 Receipt',
        params: IdParams,
        response: { 200: ReceiptDto, ...problems },
      },
    },
    async (req) => getReceipt(ctx, callerOf(ctx, req), req.params.id),
  );
  r.get(
    '/applications/:id/document',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '下载申报书（Word，供打印盖章） The application form as a Word document, to print and stamp',
        params: IdParams,
        querystring: DocumentQuery,
        response: { 200: z.any(), ...problems },
      },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        await applicationDocument(ctx, callerOf(ctx, req), req.params.id, req.query.format),
      ),
  );
  r.get(
    '/applications/:id/receipt/document',
    {
      config: { permission: 'application.read' },
      schema: {
        tags,
        summary: '下载申报回执（Word，供打印） The receipt as a Word document, to print',
        params: IdParams,
        querystring: DocumentQuery,
        response: { 200: z.any(), ...problems },
      },
    },
    async (req, reply) =>
      sendDownload(reply, await receiptDocument(ctx, callerOf(ctx, req), req.params.id, req.query.format)),
  );
}
