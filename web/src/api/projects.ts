/** Programme III (issue 13): agreements (任务书), tranches (拨付批次) and the call's ledger. */
import { api, call, type BodyOf, type ResponseOf } from './client.js';

const id = (v: string) => ({ params: { path: { id: v } } });

export type Agreement = ResponseOf<'/api/projects/agreements/{id}', 'get'>;
export type AgreementSummary = ResponseOf<'/api/projects/agreements', 'get'>['items'][number];
export type Tranche = Agreement['tranches'][number];
export type AwaitingAgreement = ResponseOf<'/api/projects/awaiting', 'get'>['items'][number];
export type Ledger = ResponseOf<'/api/projects/ledger', 'get'>;
export type PatchAgreementBody = BodyOf<'/api/projects/agreements/{id}', 'patch'>;
export type TrancheActionBody = BodyOf<'/api/projects/tranches/{id}/pay', 'post'>;
export type AgreementStep = 'confirm-org' | 'confirm' | 'reopen';
export type TrancheStep = 'request' | 'approve' | 'refuse' | 'pay';

export const agreementsApi = {
  list: (query: { callId?: string; page?: number; pageSize?: number }) =>
    call(api.GET('/api/projects/agreements', { params: { query } })),
  awaiting: (callId: string) => call(api.GET('/api/projects/awaiting', { params: { query: { callId } } })),
  create: (callId: string, applicationId: string) =>
    call(api.POST('/api/projects/agreements', { body: { callId, applicationId } })),
  get: (v: string) => call(api.GET('/api/projects/agreements/{id}', id(v))),
  patch: (v: string, body: PatchAgreementBody) =>
    call(api.PATCH('/api/projects/agreements/{id}', { ...id(v), body })),
  act: (v: string, step: AgreementStep, body: { version?: number; reason?: string }) => {
    if (step === 'confirm-org')
      return call(api.POST('/api/projects/agreements/{id}/confirm-org', { ...id(v), body }));
    if (step === 'confirm')
      return call(api.POST('/api/projects/agreements/{id}/confirm', { ...id(v), body }));
    return call(api.POST('/api/projects/agreements/{id}/reopen', { ...id(v), body }));
  },
  tranche: (v: string, step: TrancheStep, body: TrancheActionBody) => {
    if (step === 'request') return call(api.POST('/api/projects/tranches/{id}/request', { ...id(v), body }));
    if (step === 'approve') return call(api.POST('/api/projects/tranches/{id}/approve', { ...id(v), body }));
    if (step === 'refuse') return call(api.POST('/api/projects/tranches/{id}/refuse', { ...id(v), body }));
    return call(api.POST('/api/projects/tranches/{id}/pay', { ...id(v), body }));
  },
  ledger: (callId: string) => call(api.GET('/api/projects/ledger', { params: { query: { callId } } })),
  docxUrl: (v: string) => `/api/projects/agreements/${encodeURIComponent(v)}/agreement.docx`,
};

export type ChangeRequest = Agreement['changes'][number];
export type FileChangeBody = BodyOf<'/api/projects/agreements/{id}/changes', 'post'>;

export const changesApi = {
  file: (agreementId: string, body: FileChangeBody) =>
    call(api.POST('/api/projects/agreements/{id}/changes', { ...id(agreementId), body })),
  decide: (changeId: string, action: 'approve' | 'refuse', body: { version?: number; reason: string }) =>
    action === 'approve'
      ? call(api.POST('/api/projects/changes/{id}/approve', { ...id(changeId), body }))
      : call(api.POST('/api/projects/changes/{id}/refuse', { ...id(changeId), body })),
};
