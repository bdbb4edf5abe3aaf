/** Programme I (calls, applications, screening): /api/calls/**, /api/applications/**, /api/files. */
import { api, call, networkError, problemFrom, withQuery, type BodyOf, type QueryOf } from './client.js';
import type { FileMeta } from './types.js';

const id = (v: string) => ({ params: { path: { id: v } } });
type ScreeningQuery = QueryOf<'/api/calls/{id}/screening', 'get'>;

/** Fetches a file answer (export) and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  if (!res.ok) {
    const data = await res.json().catch(() => ({}));
    throw problemFrom(res.status, data, { zh: '下载失败', en: 'Download failed' });
  }
  const cd = res.headers.get('content-disposition') ?? '';
  // RFC 6266: filename* (UTF-8, the Chinese name) wins over the ASCII fallback filename=
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
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
  list: (q: QueryOf<'/api/calls', 'get'>) => call(api.GET('/api/calls', { params: { query: q } })),
  open: () => call(api.GET('/api/calls/open')),
  get: (v: string) => call(api.GET('/api/calls/{id}', id(v))),
  publicPage: (v: string) => call(api.GET('/api/calls/{id}/public', id(v))),
  create: (content: BodyOf<'/api/calls', 'post'>['content']) =>
    call(api.POST('/api/calls', { body: { content } })),
  importJson: (doc: BodyOf<'/api/calls/import', 'post'>) =>
    call(api.POST('/api/calls/import', { body: doc })),
  update: (v: string, content: BodyOf<'/api/calls/{id}', 'put'>['content'], baseVersion?: number) =>
    call(api.PUT('/api/calls/{id}', { ...id(v), body: { content, baseVersion } })),
  transition: (v: string, action: 'publish' | 'close') =>
    call(
      action === 'publish'
        ? api.POST('/api/calls/{id}/publish', id(v))
        : api.POST('/api/calls/{id}/close', id(v)),
    ),
  exportJson: (v: string) => download(`/api/calls/${encodeURIComponent(v)}/export`, `call-${v}.json`),
};

export const applicationsApi = {
  list: (q: QueryOf<'/api/applications', 'get'>) =>
    call(api.GET('/api/applications', { params: { query: q } })),
  start: (body: BodyOf<'/api/applications', 'post'>) => call(api.POST('/api/applications', { body })),
  get: (v: string) => call(api.GET('/api/applications/{id}', id(v))),
  remove: (v: string) => call(api.DELETE('/api/applications/{id}', id(v))),
  saveDraft: (
    v: string,
    content: BodyOf<'/api/applications/{id}/draft', 'patch'>['content'],
    baseVersion?: number,
    leadUserId?: string | null,
  ) =>
    call(
      api.PATCH('/api/applications/{id}/draft', {
        ...id(v),
        body: {
          content,
          ...(baseVersion ? { baseVersion } : {}),
          ...(leadUserId !== undefined ? { leadUserId } : {}),
        },
      }),
    ),
  versions: (v: string) => call(api.GET('/api/applications/{id}/versions', id(v))),
  version: (v: string, version: number) =>
    call(api.GET('/api/applications/{id}/versions/{version}', { params: { path: { id: v, version } } })),
  checklist: (v: string) => call(api.GET('/api/applications/{id}/checklist', id(v)), { quiet: true }),
  attach: (v: string, type: string, fileId: string) =>
    call(api.POST('/api/applications/{id}/attachments', { ...id(v), body: { type, fileId } })),
  detach: (v: string, attachmentId: string) =>
    call(
      api.DELETE('/api/applications/{id}/attachments/{attachmentId}', {
        params: { path: { id: v, attachmentId } },
      }),
    ),
  sendForReview: (v: string) => call(api.POST('/api/applications/{id}/send-for-review', id(v))),
  orgReview: (v: string, body: BodyOf<'/api/applications/{id}/org-review', 'post'>) =>
    call(api.POST('/api/applications/{id}/org-review', { ...id(v), body })),
  districtReview: (v: string, body: BodyOf<'/api/applications/{id}/district-review', 'post'>) =>
    call(api.POST('/api/applications/{id}/district-review', { ...id(v), body })),
  submit: (v: string) => call(api.POST('/api/applications/{id}/submit', id(v))),
  receipt: (v: string) => call(api.GET('/api/applications/{id}/receipt', id(v))),
  /** 申报书 (Word) to print and stamp */
  documentDocx: (v: string) =>
    download(`/api/applications/${encodeURIComponent(v)}/document?format=docx`, 'application.docx'),
  /** 回执 (Word) */
  receiptDocx: (v: string) =>
    download(`/api/applications/${encodeURIComponent(v)}/receipt/document?format=docx`, 'receipt.docx'),
};

export const screeningApi = {
  list: (callId: string, q: ScreeningQuery) =>
    call(api.GET('/api/calls/{id}/screening', { params: { path: { id: callId }, query: q } })),
  run: (callId: string) => call(api.POST('/api/calls/{id}/screening/run', id(callId))),
  runStatus: (callId: string, runId: string) =>
    call(api.GET('/api/calls/{id}/screening/runs/{runId}', { params: { path: { id: callId, runId } } })),
  decide: (applicationId: string, body: BodyOf<'/api/applications/{id}/screening/decisions', 'post'>) =>
    call(api.POST('/api/applications/{id}/screening/decisions', { ...id(applicationId), body })),
  exportExcel: (callId: string, q: ScreeningQuery) =>
    download(
      withQuery(`/api/calls/${encodeURIComponent(callId)}/screening/export`, q),
      `screening-${callId}.xlsx`,
    ),
};

export const ongoingApi = {
  importExcel: (body: BodyOf<'/api/programme/ongoing-projects/import', 'post'>) =>
    call(api.POST('/api/programme/ongoing-projects/import', { body })),
  list: (q: QueryOf<'/api/programme/ongoing-projects', 'get'>) =>
    call(api.GET('/api/programme/ongoing-projects', { params: { query: q } })),
};

/** Uploads one file (multipart, field `file`), by default for an application attachment. */
export async function uploadFile(file: File, purpose = 'application.attachment'): Promise<FileMeta> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/files?purpose=${encodeURIComponent(purpose)}`, {
      method: 'POST',
      body: fd,
      credentials: 'same-origin',
    });
  } catch {
    throw networkError();
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw problemFrom(res.status, data, { zh: '上传失败', en: 'Upload failed' });
  return data as FileMeta;
}

/** The server's clock (deadlines are judged by it, never the browser's). */
export const serverTime = () => call(api.GET('/api/health'), { quiet: true }).then((h) => h.time);
