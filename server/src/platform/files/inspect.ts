import { inflateRawSync } from 'node:zlib';
import { DomainError } from '../errors.js';
import type { FileKind } from './detect.js';

/**
 * Looks inside a file whose kind is allowed for what makes it dangerous anyway: active content
 * (PDF JavaScript/actions, Office macros, external links), a second format riding along
 * (polyglots), archives that expand without bound, and the EICAR test signature. Throws a 415
 * naming what was found, in zh and en. Works on the whole content (at most the upload limit).
 */
export function inspectContent(kind: FileKind, buf: Buffer): void {
  const latin = buf.toString('latin1');
  if (latin.includes('EICAR-STANDARD-ANTIVIRUS-TEST-FILE')) {
    refuse(
      'malware',
      '文件含有病毒特征（EICAR 测试码）',
      'The file carries a malware signature (EICAR test)',
    );
  }
  if (kind === 'pdf') inspectPdf(latin);
  if (kind === 'png' || kind === 'jpg') inspectImage(kind, buf, latin);
  if (kind === 'docx' || kind === 'xlsx' || kind === 'zip') inspectZip(kind, buf);
  if (kind === 'cfb' && /_\0V\0B\0A\0_\0P\0R\0O\0J\0E\0C\0T\0|M\0a\0c\0r\0o\0s\0/.test(latin)) {
    refuse(
      'macro',
      '文档含有宏（VBA），请另存为不含宏的文档',
      'The document contains macros (VBA); save it without macros',
    );
  }
}

function refuse(what: string, zh: string, en: string): never {
  throw new DomainError('unsupported_file_type', { zh, en, params: { found: what } });
}

const PDF_ACTIVE =
  /\/(JavaScript|JS|Launch|AA|OpenAction\s*<<[^>]*\/S\s*\/(?:JavaScript|Launch)|EmbeddedFiles?|RichMedia|SubmitForm|ImportData|XFA)\b/;

function inspectPdf(latin: string): void {
  // names may hide letters as #xx escapes (/J#61vaScript)
  const names = latin.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  const m = PDF_ACTIVE.exec(names);
  if (m) {
    refuse(
      `pdf:${m[1]}`,
      `PDF 含有脚本或自动动作（/${m[1]}），请导出为不含脚本的 PDF`,
      `The PDF contains a script or an automatic action (/${m[1]}); export it without scripts`,
    );
  }
  const end = latin.lastIndexOf('%%EOF');
  if (end < 0) {
    refuse(
      'pdf:incomplete',
      'PDF 不完整或已损坏（缺少文件结尾 %%EOF）',
      'The PDF is incomplete or damaged (no %%EOF end marker)',
    );
  }
  if (/[^\s\0]/.test(latin.slice(end + 5))) {
    refuse(
      'pdf:trailing',
      'PDF 结尾之后还有多余数据（可能是多种格式拼接的文件）',
      'The PDF has trailing data after its end (a polyglot file)',
    );
  }
}

function inspectImage(kind: 'png' | 'jpg', buf: Buffer, latin: string): void {
  const endMark =
    kind === 'png' ? buf.lastIndexOf('IEND') + 8 : buf.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2;
  const trailing = endMark > 1 ? latin.slice(endMark) : '';
  if (/[^\0]/.test(trailing) || /<(script|html|svg|iframe|\?php)\b/i.test(latin)) {
    refuse(
      `${kind}:trailing`,
      '图片结尾之后还有多余数据或网页代码（可能是多种格式拼接的文件）',
      'The image has trailing data or web code after it (a polyglot file)',
    );
  }
}

interface Entry {
  name: string;
  comp: number;
  size: number;
  offset: number;
}

function zipEntries(buf: Buffer): Entry[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let i = 0; i < count && p + 46 <= buf.length && buf.readUInt32LE(p) === 0x02014b50; i++) {
    const n = buf.readUInt16LE(p + 28);
    const x = buf.readUInt16LE(p + 30);
    const k = buf.readUInt16LE(p + 32);
    out.push({
      name: buf.toString('utf8', p + 46, p + 46 + n),
      comp: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + n + x + k;
  }
  return out;
}

const MAX_RATIO = 100;
const MAX_EXPANDED = 512 * 1024 * 1024;
const EXECUTABLE = /\.(exe|dll|scr|com|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|msi|lnk|jar|sh|elf)$/i;

function inspectZip(kind: 'docx' | 'xlsx' | 'zip', buf: Buffer): void {
  const entries = zipEntries(buf);
  const total = entries.reduce((s, e) => s + e.size, 0);
  const bomb = entries.find((e) => e.size > 1024 * 1024 && e.size > e.comp * MAX_RATIO);
  const overlapping = new Set(entries.map((e) => e.offset)).size < entries.length;
  if (bomb || overlapping || total > MAX_EXPANDED) {
    refuse(
      'zip:bomb',
      `压缩内容解压后异常膨胀（压缩炸弹）${bomb ? `：${bomb.name}` : ''}`,
      `The archive expands out of all proportion (a zip bomb)${bomb ? `: ${bomb.name}` : ''}`,
    );
  }
  if (kind === 'zip') {
    const exe = entries.find((e) => EXECUTABLE.test(e.name));
    if (exe)
      refuse(
        'zip:executable',
        `压缩包含有可执行文件：${exe.name}`,
        `The archive contains an executable: ${exe.name}`,
      );
    return;
  }
  if (entries.some((e) => /vbaProject\.bin$/i.test(e.name))) {
    refuse(
      'macro',
      '文档含有宏（VBA），请另存为不含宏的文档',
      'The document contains macros (VBA); save it without macros',
    );
  }
  const ext = entries.find((e) => /(^|\/)(externalLinks|activeX)\//i.test(e.name));
  if (ext)
    refuse(
      'office:external',
      `文档含有外部链接或 ActiveX 控件：${ext.name}`,
      `The document contains an external link or ActiveX control: ${ext.name}`,
    );
  for (const e of entries.filter((x) => x.name.endsWith('.rels') && x.size < 1024 * 1024)) {
    const rels = readEntry(buf, e);
    if (
      /TargetMode="External"/.test(rels) &&
      /Type="[^"]*\/(attachedTemplate|oleObject|frame|subDocument|externalLinkPath)"/.test(rels)
    ) {
      refuse(
        'office:external',
        `文档引用外部模板或对象：${e.name}`,
        `The document loads an external template or object: ${e.name}`,
      );
    }
  }
}

function readEntry(buf: Buffer, e: Entry): string {
  const p = e.offset;
  if (buf.readUInt32LE(p) !== 0x04034b50) return '';
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + e.comp);
  const method = buf.readUInt16LE(p + 8);
  try {
    return (method === 8 ? inflateRawSync(data, { maxOutputLength: 1024 * 1024 }) : data).toString('utf8');
  } catch {
    return '';
  }
}
