import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { callerOf } from '../../platform/caller.js';
import { ProblemSchema } from '../../platform/http/problem.js';
import { IdParamsSchema } from '../../platform/http/schemas.js';
import { attachmentDisposition } from '../files/index.js';
import { fundingPlanDocx } from './funding-plan-export.service.js';
import {
  ConsultPlanBody,
  DraftPlanBody,
  FundingPlan,
  ReopenPlanBody,
  RevisePlanBody,
} from './funding-plan.schema.js';
import {
  consultPlan,
  draftPlan,
  getPlan,
  getPlanOfCall,
  reopenPlan,
  revisePlan,
} from './funding-plan.service.js';

const tags = ['review: funding plan'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

/** A call's funding plan (资助计划): draft, revise, consult (会商), reopen, read and Word. */
export async function fundingPlanRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = { permission: 'review.manage' } as const;
  const read = { permission: 'review.read' } as const;

  r.post(
    '/review/funding-plans',
    {
      config: manage,
      schema: {
        tags,
        summary: '编制资助计划（按最终排名在限额内拟定） Draft a call’s funding plan from the final ranking',
        body: DraftPlanBody,
        response: { 201: FundingPlan, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await draftPlan(ctx, callerOf(ctx, req), req.body)),
  );
  r.get(
    '/review/calls/:id/funding-plan',
    {
      config: read,
      schema: {
        tags,
        summary: '指南的资助计划 The funding plan of a call',
        params: IdParamsSchema,
        response: { 200: FundingPlan, ...problems },
      },
    },
    async (req) => getPlanOfCall(ctx, callerOf(ctx, req), req.params.id),
  );
  r.get(
    '/review/funding-plans/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '资助计划 A funding plan',
        params: IdParamsSchema,
        response: { 200: FundingPlan, ...problems },
      },
    },
    async (req) => getPlan(ctx, callerOf(ctx, req), req.params.id),
  );
  r.patch(
    '/review/funding-plans/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改资助计划（逐项检查限额） Revise the plan; every limit is checked',
        params: IdParamsSchema,
        body: RevisePlanBody,
        response: { 200: FundingPlan, ...problems },
      },
    },
    async (req) => revisePlan(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.post(
    '/review/funding-plans/:id/consult',
    {
      config: manage,
      schema: {
        tags,
        summary: '录入会商结果 Record the consultation (会商)',
        params: IdParamsSchema,
        body: ConsultPlanBody,
        response: { 200: FundingPlan, ...problems },
      },
    },
    async (req) => consultPlan(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.post(
    '/review/funding-plans/:id/reopen',
    {
      config: manage,
      schema: {
        tags,
        summary: '退回修改已会商的计划 Reopen a consulted plan for changes',
        params: IdParamsSchema,
        body: ReopenPlanBody,
        response: { 200: FundingPlan, ...problems },
      },
    },
    async (req) => reopenPlan(ctx, callerOf(ctx, req), req.params.id, req.body),
  );
  r.get(
    '/review/funding-plans/:id/plan.docx',
    {
      config: read,
      schema: {
        tags,
        summary: '导出资助计划（Word） Export the funding plan (Word)',
        params: IdParamsSchema,
        response: { 200: z.any(), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await fundingPlanDocx(ctx, callerOf(ctx, req), req.params.id);
      return reply.type(DOCX).header('content-disposition', attachmentDisposition(filename)).send(buffer);
    },
  );
}
