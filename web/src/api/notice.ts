/** The public notice (公示) of the proposed awards, its objections (异议) and the award (立项), issue 12. */
import { api, call, type BodyOf, type ResponseOf } from './client.js';

const id = (v: string) => ({ params: { path: { id: v } } });

export type NoticeSummary = ResponseOf<'/api/review/notices', 'get'>['items'][number];
export type Notice = ResponseOf<'/api/review/notices/{id}', 'get'>;
export type NoticeEntry = Notice['entries'][number];
export type Objection = Notice['objections'][number];
export type PublicNotice = ResponseOf<'/api/public/notices/{id}', 'get'>;
export type CreateNoticeBody = BodyOf<'/api/review/notices', 'post'>;
export type DecideObjectionBody = BodyOf<'/api/review/objections/{id}/decide', 'post'>;
export type ObjectionBody = BodyOf<'/api/public/notices/{id}/objections', 'post'>;
export type ObjectionReceipt = ResponseOf<'/api/public/notices/{id}/objections', 'post'>;

/** Staff: draft, publish, close, award; the findings on objections. */
export const noticesApi = {
  list: (callId?: string) =>
    call(api.GET('/api/review/notices', { params: { query: callId ? { callId } : {} } })),
  create: (body: CreateNoticeBody) => call(api.POST('/api/review/notices', { body })),
  get: (v: string) => call(api.GET('/api/review/notices/{id}', id(v))),
  publish: (v: string) => call(api.POST('/api/review/notices/{id}/publish', id(v))),
  close: (v: string) => call(api.POST('/api/review/notices/{id}/close', id(v))),
  award: (v: string) => call(api.POST('/api/review/notices/{id}/award', id(v))),
  decide: (objectionId: string, body: DecideObjectionBody) =>
    call(api.POST('/api/review/objections/{id}/decide', { ...id(objectionId), body })),
};

/** The public (no sign-in): the published notices and lodging an objection. */
export const publicNoticesApi = {
  list: () => call(api.GET('/api/public/notices')),
  get: (v: string) => call(api.GET('/api/public/notices/{id}', id(v))),
  object: (v: string, body: ObjectionBody) =>
    call(api.POST('/api/public/notices/{id}/objections', { ...id(v), body })),
};

export type FundingPlan = ResponseOf<'/api/review/funding-plans/{id}', 'get'>;
export type FundingPlanLine = FundingPlan['lines'][number];
export type RevisePlanBody = BodyOf<'/api/review/funding-plans/{id}', 'patch'>;
export type ConsultPlanBody = BodyOf<'/api/review/funding-plans/{id}/consult', 'post'>;

/** Staff: a call's funding plan (资助计划) — draft, revise, consult (会商), reopen, Word. */
export const plansApi = {
  ofCall: (callId: string) =>
    call(api.GET('/api/review/calls/{id}/funding-plan', id(callId)), { quiet: true }),
  draft: (body: BodyOf<'/api/review/funding-plans', 'post'>) =>
    call(api.POST('/api/review/funding-plans', { body })),
  revise: (v: string, body: RevisePlanBody) =>
    call(api.PATCH('/api/review/funding-plans/{id}', { ...id(v), body })),
  consult: (v: string, body: ConsultPlanBody) =>
    call(api.POST('/api/review/funding-plans/{id}/consult', { ...id(v), body })),
  reopen: (v: string, body: { version: number; reason: string }) =>
    call(api.POST('/api/review/funding-plans/{id}/reopen', { ...id(v), body })),
  docxUrl: (v: string) => `/api/review/funding-plans/${encodeURIComponent(v)}/plan.docx`,
};
