import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { AppContext } from '../../platform/context.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { auditActor, type AnyCaller, type Caller } from '../../platform/caller.js';
import { classify, detectKind, type Classified } from '../../platform/files/detect.js';
import { inspectContent } from '../../platform/files/inspect.js';
import type { FileStorage } from '../../platform/files/storage.js';
import { findFile, insertFile, linkFile as linkFileRow, type FileRow } from './files.repo.js';
import { canReadFile } from './files.policy.js';
import type { FileMeta } from './files.schema.js';

export function toFileMeta(f: FileRow): FileMeta {
  return {
    id: f.id,
    sha256: f.sha256,
    size: Number(f.size),
    mime: f.mime,
    kind: f.kind,
    name: f.original_name,
    ownerUserId: f.owner_user_id,
    ownerOrgId: f.owner_org_id,
    purpose: f.purpose,
    objectType: f.object_type,
    objectId: f.object_id,
    createdAt: new Date(f.created_at).toISOString(),
  };
}

function storageOf(ctx: AppContext): FileStorage {
  if (!ctx.files) throw new Error('file storage is not configured (ctx.files)');
  return ctx.files;
}

/** Bidirectional controls (embeddings, overrides, isolates, LRM/RLM): they make "x\u202Egnp.exe" show as "xexe.png". */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file name as the user gave it, without any path, control or bidi control characters. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(BIDI_CONTROLS, '');
  const visible = [...base].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f).join('');
  return visible.trim().slice(0, 255);
}

const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/** Why a name as sent is refused (a path, control characters (bidi controls are stripped, not refused), a device name, too long), or null. */
export function badFileName(raw: string): { zh: string; en: string } | null {
  if (/[\\/]/.test(raw))
    return { zh: '文件名不得包含路径（/ 或 \\）', en: 'The file name must not contain a path (/ or \\)' };
  if ([...raw].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f))
    return { zh: '文件名含有控制字符', en: 'The file name contains control characters' };
  if (RESERVED_WINDOWS.test(raw.trim()))
    return { zh: '文件名是 Windows 保留名称', en: 'The file name is a reserved Windows name' };
  if ([...raw].length > 255)
    return { zh: '文件名超过 255 个字符', en: 'The file name is longer than 255 characters' };
  if (/^[.\s]*$/.test(raw)) return { zh: '文件名无效', en: 'The file name is not valid' };
  return null;
}

/** The owner of a file a member of the public sent without signing in. */
export const PUBLIC_OWNER = 'public:anonymous';

export interface UploadInput {
  stream: Readable;
  filename: string;
  purpose?: string;
  /** The transport cut the stream short (multipart size limit): refuse rather than keep a partial file. */
  truncated?: () => boolean;
}

/**
 * Stores an upload: streamed to disk while hashed, its type decided by content (and agreeing
 * with its extension), within the size limit; then the metadata row and its audit record in one
 * transaction. A refused upload keeps no bytes.
 */
export async function uploadFile(ctx: AppContext, caller: AnyCaller, input: UploadInput): Promise<FileMeta> {
  const { actor } = caller;
  const bad = badFileName(input.filename);
  if (bad) throw validationError([fieldError('file', 'bad_name', bad.zh, bad.en)]);
  const name = cleanFileName(input.filename);
  if (!name) {
    throw validationError([fieldError('file', 'required', '请为文件提供文件名', 'The file needs a name')]);
  }
  let cls: Classified | undefined;
  const blob = await storageOf(ctx).put(input.stream, {
    maxBytes: ctx.config.maxUploadBytes,
    check: async ({ open, size }) => {
      if (input.truncated?.()) {
        throw new DomainError('payload_too_large', { params: { maxBytes: ctx.config.maxUploadBytes } });
      }
      // an empty file is refused as empty: its (absent) content is no kind at all
      if (size === 0)
        throw validationError([
          fieldError(
            'file',
            'empty',
            '文件为空（0 字节），请重新选择文件',
            'The file is empty (0 bytes); choose it again',
          ),
        ]);
      cls = classify(name, await detectKind(open));
      const chunks: Buffer[] = [];
      for await (const chunk of open() as AsyncIterable<Buffer>) chunks.push(chunk);
      inspectContent(cls.kind, Buffer.concat(chunks));
    },
  });
  const c = cls!;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const f = await insertFile(trx, {
      sha256: blob.sha256,
      size: blob.size,
      mime: c.mime,
      kind: c.kind,
      ext: c.ext,
      original_name: name,
      // a member of the public (an objection's evidence) owns no file: staff read it through its object
      owner_user_id: actor?.userId ?? PUBLIC_OWNER,
      owner_org_id: actor?.orgId ?? '',
      purpose: input.purpose ?? null,
      object_type: null,
      object_id: null,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'file.upload',
      objectType: 'file',
      objectId: f.id,
      after: { name, size: blob.size, mime: c.mime, sha256: blob.sha256, purpose: input.purpose ?? null },
    });
    return f;
  });
  return toFileMeta(row);
}

async function loadReadable(ctx: AppContext, caller: Caller, id: string): Promise<FileRow> {
  const file = await findFile(ctx.db, id);
  if (!file) throw new DomainError('not_found', { zh: '文件不存在', en: 'File not found' });
  const d = await canReadFile(ctx, caller.actor, file);
  if (!d.allowed) {
    await auditEvent(ctx.db, {
      actor: auditActor(caller),
      action: 'file.download',
      objectType: 'file',
      objectId: file.id,
      result: 'denied',
      detail: { reason: d.code },
    });
    throw new DomainError('forbidden', { zh: d.zh, en: d.en, params: { reason: d.code } });
  }
  return file;
}

export async function fileMeta(ctx: AppContext, caller: Caller, id: string): Promise<FileMeta> {
  return toFileMeta(await loadReadable(ctx, caller, id));
}

/** Opens a file for download after the policy allows it; the download is audited. */
export async function openFileForDownload(
  ctx: AppContext,
  caller: Caller,
  id: string,
): Promise<{ file: FileRow; stream: Readable }> {
  const file = await loadReadable(ctx, caller, id);
  const stream = await storageOf(ctx).get(file.sha256);
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'file.download',
    objectType: 'file',
    objectId: file.id,
    detail: { name: file.original_name, sha256: file.sha256 },
  });
  return { file, stream };
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase(),
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Attaches an uploaded file to the object it belongs to (e.g. an application), in the caller's
 * transaction; the object's module audits the change that needed it.
 */
export function linkFile(
  trx: Kysely<DB>,
  id: string,
  link: { objectType: string; objectId: string },
): Promise<FileRow | undefined> {
  return linkFileRow(trx, id, link);
}
