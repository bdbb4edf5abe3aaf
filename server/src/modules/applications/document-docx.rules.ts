/**
 * Renders a printed document (document.rules.ts) as a Word .docx with the `docx` package: A4,
 * 宋体/SimSun body and 黑体/SimHei headings (the fonts a Chinese office prints with), tables with
 * borders, a cover page with a stamp box, and signature lines. Pure apart from packing the zip.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Block, PaperDocument } from './document.rules.js';

const BODY_FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };
const HEAD_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
/** half-points: 小四 12 pt body, 四号 14 pt headings, 二号 22 pt cover title */
const SIZE = { body: 24, head: 28, cover: 44, coverField: 30 };
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1440; // 2.54 cm
const TEXT_WIDTH = A4.width - 2 * MARGIN;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

const run = (text: string, o: { bold?: boolean; size?: number; head?: boolean } = {}) =>
  new TextRun({
    text,
    bold: o.bold,
    size: o.size ?? SIZE.body,
    font: o.head ? HEAD_FONT : BODY_FONT,
  });

const para = (text: string, o: { align?: 'left' | 'center' | 'right'; bold?: boolean; size?: number } = {}) =>
  new Paragraph({
    alignment:
      o.align === 'center'
        ? AlignmentType.CENTER
        : o.align === 'right'
          ? AlignmentType.RIGHT
          : AlignmentType.LEFT,
    spacing: { after: 80, line: 360 },
    children: [run(text, o)],
  });

/** A cell of `pct` percent of the text width; text lines kept (a newline starts a paragraph). */
function cell(
  text: string,
  pct: number,
  o: { bold?: boolean; align?: 'left' | 'center' | 'right'; span?: number } = {},
) {
  return new TableCell({
    columnSpan: o.span,
    width: { size: Math.round((TEXT_WIDTH * pct) / 100), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: (text === '' ? [''] : text.split('\n')).map((t) => para(t, o)),
  });
}

function table(head: string[] | null, rows: string[][], widths: number[], numeric: number[] = []) {
  const all = [
    ...(head
      ? [
          new TableRow({
            tableHeader: true,
            children: head.map((h, i) => cell(h, widths[i], { bold: true, align: 'center' })),
          }),
        ]
      : []),
    ...rows.map(
      (r) =>
        new TableRow({
          children: r.map((v, i) => cell(v, widths[i], numeric.includes(i) ? { align: 'right' } : {})),
        }),
    ),
  ];
  if (all.length === 0 || (head && rows.length === 0))
    all.push(new TableRow({ children: [cell('（无）', 100, { align: 'center', span: widths.length })] }));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round((TEXT_WIDTH * w) / 100)),
    rows: all,
  });
}

function signatureLines(lines: { label: string; date: boolean }[]) {
  return lines.map(
    (l) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: 360, after: 120 },
        children: [
          run(`${l.label}：`),
          run('                              '),
          ...(l.date ? [run('    年    月    日')] : []),
        ],
      }),
  );
}

/** An empty bordered box to stamp in, with its label underneath. */
function stampBox(label: string) {
  const side = { style: BorderStyle.DASHED, size: 6, color: '888888' };
  return new Table({
    alignment: AlignmentType.RIGHT,
    width: { size: 2600, type: WidthType.DXA },
    rows: [
      new TableRow({
        height: { value: 2200, rule: HeightRule.EXACT },
        children: [
          new TableCell({
            width: { size: 2600, type: WidthType.DXA },
            verticalAlign: VerticalAlign.BOTTOM,
            borders: { top: side, bottom: side, left: side, right: side },
            children: [para(label, { align: 'center', size: 20 })],
          }),
        ],
      }),
    ],
  });
}

function blockChildren(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [
        new Paragraph({
          spacing: { before: 240, after: 120 },
          keepNext: true,
          children: [run(b.text, { head: true, size: SIZE.head, bold: true })],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: 80, line: 360 },
          indent: { firstLine: 480 },
          children: [run(b.text)],
        }),
      ];
    case 'fields':
      return [table(null, b.rows, [32, 68]), para('')];
    case 'table':
      return [table(b.head, b.rows, b.widths, b.numeric), para('')];
    case 'signatures':
      return signatureLines(b.lines);
    case 'stamp':
      return [para(''), stampBox(b.label)];
  }
}

function coverChildren(cover: NonNullable<PaperDocument['cover']>): (Paragraph | Table)[] {
  const spacer = (n: number) => Array.from({ length: n }, () => para(''));
  const fieldRows = cover.fields.map(
    ([k, v]) =>
      new TableRow({
        height: { value: 720, rule: HeightRule.ATLEAST },
        children: [
          new TableCell({
            width: { size: 2400, type: WidthType.DXA },
            verticalAlign: VerticalAlign.BOTTOM,
            borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
            children: [para(`${k}：`, { size: SIZE.coverField, bold: true, align: 'right' })],
          }),
          new TableCell({
            width: { size: TEXT_WIDTH - 2400, type: WidthType.DXA },
            verticalAlign: VerticalAlign.BOTTOM,
            borders: {
              top: NONE,
              left: NONE,
              right: NONE,
              bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000' },
            },
            children: [para(v, { size: SIZE.coverField })],
          }),
        ],
      }),
  );
  return [
    ...spacer(3),
    ...cover.lines.map(
      (l, i) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: [
            run(l, { head: true, bold: true, size: i === cover.lines.length - 1 ? 56 : SIZE.cover - 8 }),
          ],
        }),
    ),
    ...spacer(4),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, rows: fieldRows }),
    ...spacer(2),
    stampBox(cover.stamp),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

/** The document as a .docx file. */
export async function renderDocx(d: PaperDocument): Promise<Buffer> {
  const section: ISectionOptions = {
    properties: {
      page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
    },
    children: [...(d.cover ? coverChildren(d.cover) : []), ...d.blocks.flatMap(blockChildren)],
  };
  const doc = new Document({
    creator: 'TransferOne 科转通',
    title: d.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [section],
  });
  return Packer.toBuffer(doc);
}
