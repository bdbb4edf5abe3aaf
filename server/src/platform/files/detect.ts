import type { Readable } from 'node:stream';
import { fileTypeFromStream } from 'file-type';
import { DomainError } from '../errors.js';

/** The kinds of file the platform accepts, found from the content (not the name). */
export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'cfb' | 'png' | 'jpg' | 'zip' | 'text';

const KIND_LABEL: Record<FileKind | 'unknown', { zh: string; en: string }> = {
  pdf: { zh: 'PDF 文档', en: 'PDF document' },
  docx: { zh: 'Word 文档 (docx)', en: 'Word document (docx)' },
  xlsx: { zh: 'Excel 表格 (xlsx)', en: 'Excel workbook (xlsx)' },
  cfb: { zh: '旧版 Office 文档 (doc/xls)', en: 'legacy Office document (doc/xls)' },
  png: { zh: 'PNG 图片', en: 'PNG image' },
  jpg: { zh: 'JPEG 图片', en: 'JPEG image' },
  zip: { zh: 'ZIP 压缩包', en: 'ZIP archive' },
  text: { zh: '纯文本', en: 'plain text' },
  unknown: { zh: '未知类型', en: 'unknown type' },
};

/** Which content kinds each declared extension may hold, and the Content-Type it is served with. */
const EXTENSIONS: Record<string, { kinds: FileKind[]; mime: string }> = {
  pdf: { kinds: ['pdf'], mime: 'application/pdf' },
  docx: { kinds: ['docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { kinds: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  doc: { kinds: ['cfb'], mime: 'application/msword' },
  xls: { kinds: ['cfb'], mime: 'application/vnd.ms-excel' },
  png: { kinds: ['png'], mime: 'image/png' },
  jpg: { kinds: ['jpg'], mime: 'image/jpeg' },
  jpeg: { kinds: ['jpg'], mime: 'image/jpeg' },
  zip: { kinds: ['zip'], mime: 'application/zip' },
  txt: { kinds: ['text'], mime: 'text/plain; charset=utf-8' },
  csv: { kinds: ['text'], mime: 'text/csv; charset=utf-8' },
};

/** Default type for a kind when the name has no extension. */
const KIND_DEFAULT_EXT: Record<FileKind, string> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  cfb: 'doc',
  png: 'png',
  jpg: 'jpg',
  zip: 'zip',
  text: 'txt',
};

export const ALLOWED_EXTENSIONS = Object.keys(EXTENSIONS);

export function extensionOf(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim());
  return m ? m[1].toLowerCase() : null;
}

/** Is the stream valid UTF-8 text (no NUL bytes)? Decodes chunk by chunk, never the whole file at once. */
export async function isUtf8Text(stream: Readable): Promise<boolean> {
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) {
        stream.destroy();
        return false;
      }
      dec.decode(chunk, { stream: true });
    }
    dec.decode();
    return true;
  } catch {
    stream.destroy();
    return false;
  }
}

/** The content's kind: file-type's magic numbers (zip containers looked into), else a UTF-8 check. */
export async function detectKind(open: () => Readable): Promise<FileKind | { unknown: string }> {
  const ft = await fileTypeFromStream(open());
  if (ft) {
    const k = ft.ext as string;
    if (
      k === 'pdf' ||
      k === 'docx' ||
      k === 'xlsx' ||
      k === 'cfb' ||
      k === 'png' ||
      k === 'jpg' ||
      k === 'zip'
    ) {
      return k;
    }
    return { unknown: ft.ext };
  }
  return (await isUtf8Text(open())) ? 'text' : { unknown: 'binary' };
}

export interface Classified {
  kind: FileKind;
  ext: string;
  mime: string;
}

/**
 * Decides whether a file may be stored: its content must be an allowed kind, and a declared
 * extension must agree with the content (a PNG named .pdf is refused, naming what was found).
 */
export function classify(name: string, detected: FileKind | { unknown: string }): Classified {
  const ext = extensionOf(name);
  const found = typeof detected === 'string' ? KIND_LABEL[detected] : KIND_LABEL.unknown;
  const foundCode = typeof detected === 'string' ? detected : detected.unknown;
  const allowedList = ALLOWED_EXTENSIONS.join(', ');
  if (typeof detected !== 'string') {
    throw new DomainError('unsupported_file_type', {
      zh: `不支持的文件类型：检测到的内容为${found.zh}（${foundCode}）。允许的类型：${allowedList}`,
      en: `Unsupported file type: the content is ${found.en} (${foundCode}). Allowed: ${allowedList}`,
      params: { detected: foundCode, declared: ext, allowed: ALLOWED_EXTENSIONS },
    });
  }
  if (ext === null) {
    const e = KIND_DEFAULT_EXT[detected];
    return { kind: detected, ext: e, mime: EXTENSIONS[e].mime };
  }
  const rule = EXTENSIONS[ext];
  if (!rule) {
    throw new DomainError('unsupported_file_type', {
      zh: `不支持扩展名为 .${ext} 的文件（检测到的内容为${found.zh}）。允许的类型：${allowedList}`,
      en: `Files ending in .${ext} are not accepted (the content is ${found.en}). Allowed: ${allowedList}`,
      params: { detected: foundCode, declared: ext, allowed: ALLOWED_EXTENSIONS },
    });
  }
  if (!rule.kinds.includes(detected)) {
    throw new DomainError('unsupported_file_type', {
      zh: `文件扩展名 .${ext} 与内容不符：检测到的内容为${found.zh}（${foundCode}）`,
      en: `The extension .${ext} does not match the content: it is ${found.en} (${foundCode})`,
      params: { detected: foundCode, declared: ext, allowed: ALLOWED_EXTENSIONS },
    });
  }
  return { kind: detected, ext, mime: rule.mime };
}
