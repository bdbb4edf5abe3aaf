/**
 * The projects module's routes (Programme III, issue 13): thin. Each declares its permission, its
 * Zod schemas (request and every answer), builds the Caller and calls one service function.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callerOf } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParamsSchema } from '../../platform/http/schemas.js';
import { attachmentDisposition } from '../files/index.js';
import { agreementDocx } from './agreement-export.service.js';
import {
  actAgreement,
  awaitingAgreements,
  createAgreement,
  getAgreement,
  listAgreementsFor,
  patchAgreement,
} from './agreement.service.js';
import {
  Agreement,
  AgreementActionBody,
  AgreementPage,
  AgreementQuery,
  AwaitingList,
  CallQuery,
  ChangeDecisionBody,
  CreateAgreementBody,
  FileChangeBody,
  Ledger,
  PatchAgreementBody,
  TrancheActionBody,
} from './projects.schema.js';
import { actTranche, callLedger } from './tranche.service.js';
import { decideChange, fileChange } from './change.service.js';

const tags = ['projects: agreements and disbursements'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

const AGREEMENT_ACTIONS = [
  {
    route: 'confirm-org',
    action: 'confirmOrg',
    permission: 'agreement.sign',
    summary: '承担单位确认任务书 The organisation confirms',
  },
  {
    route: 'confirm',
    action: 'confirm',
    permission: 'agreement.approve',
    summary: '市科委确认签订 The commission confirms',
  },
  {
    route: 'reopen',
    action: 'reopen',
    permission: 'agreement.manage',
    summary: '退回起草（须写明原因） Reopen with a reason',
  },
] as const;

const TRANCHE_ACTIONS = [
  { step: 'request', permission: 'payment.request', summary: '提出请款 Raise the payment request' },
  { step: 'approve', permission: 'payment.approve', summary: '财政审批请款 Finance approves' },
  {
    step: 'refuse',
    permission: 'payment.approve',
    summary: '退回请款（须写明原因） Finance refuses with a reason',
  },
  { step: 'pay', permission: 'payment.record', summary: '登记拨付（日期、凭证号） Record the payment' },
] as const;

export async function projectsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/projects/agreements',
    {
      config: { permission: 'agreement.read' },
      schema: {
        tags,
        summary: '任务书列表 Agreements the caller may see',
        querystring: AgreementQuery,
        response: { 200: AgreementPage, ...problems },
      },
    },
    async (req) => listAgreementsFor(ctx, callerOf(ctx, req), req.query),
  );
  r.get(
    '/projects/awaiting',
    {
      config: { permission: 'agreement.manage' },
      schema: {
        tags,
        summary: '已立项待生成任务书的项目 Awarded applications without an agreement',
        querystring: CallQuery,
        response: { 200: AwaitingList, ...problems },
      },
    },
    async (req) => awaitingAgreements(ctx, callerOf(ctx, req), req.query.callId),
  );
  r.post(
    '/projects/agreements',
    {
      config: { permission: 'agreement.manage' },
      schema: {
        tags,
        summary: '由立项项目生成任务书（草稿） Draft the agreement of an awarded application',
        body: CreateAgreementBody,
        response: { 201: Agreement, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createAgreement(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/projects/agreements/:id',
    {
      config: { permission: 'agreement.read' },
      schema: {
        tags,
        summary: '任务书详情（指标、预算、拨付计划） An agreement',
        params: IdParamsSchema,
        response: { 200: Agreement, ...problems },
      },
    },
    async (req) => getAgreement(ctx, callerOf(ctx, req), req.params.id),
  );
  r.patch(
    '/projects/agreements/:id',
    {
      config: { permission: 'agreement.manage' },
      schema: {
        tags,
        summary: '修改任务书草稿（指标目标、年度预算） Edit a draft agreement',
        params: IdParamsSchema,
        body: PatchAgreementBody,
        response: { 200: Agreement, ...problems },
      },
    },
    async (req) => patchAgreement(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  for (const { route, action, permission, summary } of AGREEMENT_ACTIONS)
    r.post(
      `/projects/agreements/:id/${route}`,
      {
        config: { permission },
        schema: {
          tags,
          summary,
          params: IdParamsSchema,
          body: AgreementActionBody,
          response: { 200: Agreement, ...problems },
        },
      },
      async (req) => actAgreement(ctx, callerOf(ctx, req), req.params.id, action, req.body),
    );
  r.get(
    '/projects/agreements/:id/agreement.docx',
    {
      config: { permission: 'agreement.read' },
      schema: {
        tags,
        summary: '导出任务书（Word） Export the agreement (Word)',
        params: IdParamsSchema,
        response: { 200: z.any(), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await agreementDocx(ctx, callerOf(ctx, req), req.params.id);
      return reply.type(DOCX).header('content-disposition', attachmentDisposition(filename)).send(buffer);
    },
  );
  for (const { step, permission, summary } of TRANCHE_ACTIONS)
    r.post(
      `/projects/tranches/:id/${step}`,
      {
        config: { permission },
        schema: {
          tags,
          summary,
          params: IdParamsSchema,
          body: TrancheActionBody,
          response: { 200: Agreement, ...problems },
        },
      },
      async (req) => actTranche(ctx, callerOf(ctx, req), req.params.id, step, req.body),
    );
  r.post(
    '/projects/agreements/:id/changes',
    {
      config: { permission: 'agreement.change' },
      schema: {
        tags,
        summary: '提出变更申请（延期、指标或预算调整） File a change request',
        params: IdParamsSchema,
        body: FileChangeBody,
        response: { 200: Agreement, ...problems },
      },
    },
    async (req) => fileChange(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  for (const action of ['approve', 'refuse'] as const)
    r.post(
      `/projects/changes/:id/${action}`,
      {
        config: { permission: 'agreement.manage' },
        schema: {
          tags,
          summary:
            action === 'approve'
              ? '批准变更（须写明理由） Approve a change'
              : '不予批准（须写明理由） Refuse a change',
          params: IdParamsSchema,
          body: ChangeDecisionBody,
          response: { 200: Agreement, ...problems },
        },
      },
      async (req) => decideChange(ctx, callerOf(ctx, req), req.params.id, action, req.body),
    );
  r.get(
    '/projects/ledger',
    {
      config: { permission: 'agreement.read' },
      schema: {
        tags,
        summary: '指南的拨付台账 The call’s disbursement ledger',
        querystring: CallQuery,
        response: { 200: Ledger, ...problems },
      },
    },
    async (req) => callLedger(ctx, callerOf(ctx, req), req.query.callId),
  );
}
