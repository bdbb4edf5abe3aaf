import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { DomainError } from '../errors.js';
import { classify, detectKind, extensionOf, isUtf8Text } from './detect.js';
import { JPEG_HEADER, PNG_1x1, cfb, pdf, zip } from './fixtures.js';

// a byte stream, as a file read stream is (object-mode streams confuse file-type)
const kindOf = (b: Buffer) => detectKind(() => Readable.from([b], { objectMode: false }));

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('not refused');
}

describe('file type by content', () => {
  it('detects every accepted kind from the bytes', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('申报书')] }] }));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('预算').addRow(['经费', 100]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await kindOf(pdf())).toBe('pdf');
    expect(await kindOf(PNG_1x1)).toBe('png');
    expect(await kindOf(JPEG_HEADER)).toBe('jpg');
    expect(await kindOf(docx)).toBe('docx');
    expect(await kindOf(xlsx)).toBe('xlsx');
    expect(await kindOf(cfb())).toBe('cfb');
    expect(await kindOf(zip({ 'a.txt': 'hello' }))).toBe('zip');
    expect(await kindOf(Buffer.from('名称,金额\n科转通,100\n', 'utf8'))).toBe('text');
    expect(await kindOf(Buffer.from([0x01, 0x02, 0x00, 0xff]))).toEqual({ unknown: 'binary' });
    expect(await kindOf(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'))).toEqual({
      unknown: 'gif',
    });
  });

  it('checks UTF-8 across chunk boundaries', async () => {
    const bytes = Buffer.from('科技成果', 'utf8');
    const split = [bytes.subarray(0, 4), bytes.subarray(4)];
    expect(await isUtf8Text(Readable.from(split))).toBe(true);
    expect(await isUtf8Text(Readable.from([Buffer.from([0xe7, 0xa7])]))).toBe(false); // truncated
    expect(await isUtf8Text(Readable.from([Buffer.from('a\0b')]))).toBe(false);
  });

  it('accepts a matching extension and serves the mime of the declared office type', () => {
    expect(classify('申报书.PDF', 'pdf')).toEqual({ kind: 'pdf', ext: 'pdf', mime: 'application/pdf' });
    expect(classify('budget.xls', 'cfb').mime).toBe('application/vnd.ms-excel');
    expect(classify('plan.doc', 'cfb').mime).toBe('application/msword');
    expect(classify('photo.jpeg', 'jpg').mime).toBe('image/jpeg');
    expect(classify('list.csv', 'text').mime).toBe('text/csv; charset=utf-8');
    expect(classify('noext', 'png')).toMatchObject({ ext: 'png', mime: 'image/png' });
    expect(extensionOf('a.tar.gz')).toBe('gz');
  });

  it('refuses an extension that disagrees with the content, naming the detected type', () => {
    const e = refusal(() => classify('report.pdf', 'png'));
    expect(e.code).toBe('unsupported_file_type');
    expect(e.status).toBe(415);
    expect(e.messageZh).toContain('PNG 图片');
    expect(e.messageEn).toContain('PNG image');
    expect(e.params).toMatchObject({ detected: 'png', declared: 'pdf' });
  });

  it('refuses content and extensions outside the list', () => {
    expect(refusal(() => classify('x.exe', { unknown: 'exe' })).params).toMatchObject({ detected: 'exe' });
    expect(refusal(() => classify('notes.html', 'text')).messageEn).toContain('.html');
    expect(refusal(() => classify('a.png', { unknown: 'binary' })).code).toBe('unsupported_file_type');
  });
});
