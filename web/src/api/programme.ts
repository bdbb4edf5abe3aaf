/** Programme I (calls, applications, screening): shapes of server/src/modules/calls and applications. */
import { api, ApiError, get, post, withQuery, type Query } from './client.js';
import type { Page } from './types.js';
import type {
  ApplicationDetail,
  ApplicationSummary,
  AttachmentDto,
  CallDetail,
  CallSummary,
  Checklist,
  FileMeta,
  PublicCall,
  Receipt,
  SaveResult,
  ScreeningItem,
  ScreeningList,
  OngoingImportReport,
  OngoingProject,
  ScreeningRun,
  VersionDto,
} from './programme.types.js';
export type * from './programme.types.js';

const enc = encodeURIComponent;
const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
const del = <T>(path: string) => api<T>('DELETE', path);

/** Fetches a file answer (export) and hands it to the browser as a download. */
async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) {
    const data = await res.json().catch(() => ({}));
    throw new ApiError(
      res.status,
      String(data.code ?? 'internal'),
      String(data.message ?? '下载失败'),
      String(data.messageEn ?? 'Download failed'),
      Array.isArray(data.errors) ? data.errors : [],
    );
  }
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const callsApi = {
  list: (q: Query) => get<Page<CallSummary>>('/api/calls', q),
  open: () => get<Page<CallSummary>>('/api/calls/open'),
  get: (id: string) => get<CallDetail>(`/api/calls/${enc(id)}`),
  publicPage: (id: string) => get<PublicCall>(`/api/calls/${enc(id)}/public`),
  create: (content: Record<string, unknown>) => post<CallDetail>('/api/calls', { content }),
  importJson: (doc: Record<string, unknown>) => post<CallDetail>('/api/calls/import', doc),
  update: (id: string, content: Record<string, unknown>, baseVersion?: number) =>
    put<CallDetail>(`/api/calls/${enc(id)}`, { content, baseVersion }),
  transition: (id: string, action: 'publish' | 'close') =>
    post<CallDetail>(`/api/calls/${enc(id)}/${action}`),
  exportJson: (id: string) => download(`/api/calls/${enc(id)}/export`, `call-${id}.json`),
};

export const applicationsApi = {
  list: (q: Query) => get<Page<ApplicationSummary>>('/api/applications', q),
  start: (body: { callId: string; directionCode: string; leadUserId?: string }) =>
    post<ApplicationDetail>('/api/applications', body),
  get: (id: string) => get<ApplicationDetail>(`/api/applications/${enc(id)}`),
  remove: (id: string) => del<void>(`/api/applications/${enc(id)}`),
  saveDraft: (
    id: string,
    content: Record<string, unknown>,
    baseVersion?: number,
    leadUserId?: string | null,
  ) =>
    patch<SaveResult>(`/api/applications/${enc(id)}/draft`, {
      content,
      ...(baseVersion ? { baseVersion } : {}),
      ...(leadUserId !== undefined ? { leadUserId } : {}),
    }),
  versions: (id: string) => get<{ items: VersionDto[] }>(`/api/applications/${enc(id)}/versions`),
  version: (id: string, v: number) =>
    get<VersionDto & { content: Record<string, any> }>(`/api/applications/${enc(id)}/versions/${v}`),
  checklist: (id: string) =>
    get<Checklist>(`/api/applications/${enc(id)}/checklist`, undefined, { quiet: true }),
  attach: (id: string, type: string, fileId: string) =>
    post<AttachmentDto>(`/api/applications/${enc(id)}/attachments`, { type, fileId }),
  detach: (id: string, attachmentId: string) =>
    del<void>(`/api/applications/${enc(id)}/attachments/${enc(attachmentId)}`),
  sendForReview: (id: string) => post<ApplicationDetail>(`/api/applications/${enc(id)}/send-for-review`),
  orgReview: (
    id: string,
    body: { decision: 'approve' | 'return'; reason?: string; overrideReason?: string },
  ) => post<ApplicationDetail>(`/api/applications/${enc(id)}/org-review`, body),
  districtReview: (
    id: string,
    body: {
      decision: 'approve' | 'return';
      reason?: string;
      commitmentFen?: number;
      opinion?: string;
      overrideReason?: string;
    },
  ) => post<ApplicationDetail>(`/api/applications/${enc(id)}/district-review`, body),
  submit: (id: string) => post<Receipt>(`/api/applications/${enc(id)}/submit`),
  receipt: (id: string) => get<Receipt>(`/api/applications/${enc(id)}/receipt`),
};

export const screeningApi = {
  list: (callId: string, q: Query) => get<ScreeningList>(`/api/calls/${enc(callId)}/screening`, q),
  run: (callId: string) => post<ScreeningRun>(`/api/calls/${enc(callId)}/screening/run`),
  runStatus: (callId: string, runId: string) =>
    get<ScreeningRun>(`/api/calls/${enc(callId)}/screening/runs/${enc(runId)}`),
  decide: (
    applicationId: string,
    body: { ruleId: string; action: 'confirm' | 'override'; verdict?: 'pass' | 'fail'; reason: string },
  ) => post<ScreeningItem>(`/api/applications/${enc(applicationId)}/screening/decisions`, body),
  exportExcel: (callId: string, q: Query) =>
    download(withQuery(`/api/calls/${enc(callId)}/screening/export`, q), `screening-${callId}.xlsx`),
};

export const ongoingApi = {
  importExcel: (b: { filename: string; contentBase64: string; dryRun: boolean }) =>
    post<OngoingImportReport>('/api/programme/ongoing-projects/import', b),
  list: (q: Query) => get<{ total: number; items: OngoingProject[] }>('/api/programme/ongoing-projects', q),
};

/** Uploads one file (multipart, field `file`) for an application attachment. */
export async function uploadFile(file: File): Promise<FileMeta> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/files?purpose=application.attachment', {
      method: 'POST',
      body: fd,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      '网络连接失败，请检查网络后重试',
      'Network error; check your connection and retry',
    );
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new ApiError(
      res.status,
      String(data.code ?? 'internal'),
      String(data.message ?? '上传失败'),
      String(data.messageEn ?? 'Upload failed'),
      Array.isArray(data.errors) ? data.errors : [],
    );
  return data as FileMeta;
}

/** The server's clock (deadlines are judged by it, never the browser's). */
export const serverTime = () =>
  get<{ status: string; time: string }>('/api/health', undefined, { quiet: true }).then((h) => h.time);
