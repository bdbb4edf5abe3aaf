/**
 * The expert opinion form (专家评审意见表, issue 12) of one application in one round, as a printed
 * document (rendered to Word by the applications module's renderDocx): the project, every criterion
 * with each expert's score and the mean, each expert's recommendation and opinion, the aggregate and
 * the rank, and the panel lead's signature line. Experts are numbered (专家1, 专家2 …) as in the Excel
 * export, so the form can go into the file without naming who scored what. Pure.
 */
import type { PaperBlock, PaperDocument } from '../applications/index.js';
import type { ScoreSheet } from './score-sheet.schema.js';

const KIND_ZH = { remoteReview: '通讯评审', panelReview: '见面会评审' } as const;

export interface OpinionInput {
  callTitle: string;
  roundNo: number;
  kind: keyof typeof KIND_ZH;
  sheet: ScoreSheet;
  application: {
    receiptNumber: string | null;
    projectTitle: string | null;
    orgName: string | null;
    directionTitle: string;
  };
  /** submitted sheets, in a stable order (the expert's number is the position + 1) */
  sheets: Array<{
    scores: Record<string, number>;
    comments: Record<string, string>;
    comment: string;
    recommendation: string | null;
    total: number | null;
  }>;
  result: { rank: number; mean: number; trimmedMean: number; count: number } | null;
  /** a line under the title, e.g. the date printed (Beijing time) */
  printedAt: string;
}

const two = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

export function opinionPaper(i: OpinionInput): PaperDocument {
  const experts = i.sheets.map((_, k) => `专家${k + 1}`);
  const n = experts.length;
  const rows = i.sheet.criteria.map((c) => {
    const got = i.sheets.map((s) => s.scores[c.key]);
    const scored = got.filter((v): v is number => typeof v === 'number');
    return [
      c.label,
      String(c.maxScore),
      ...got.map((v) => (typeof v === 'number' ? String(v) : '—')),
      scored.length ? two(scored.reduce((a, b) => a + b, 0) / scored.length) : '—',
    ];
  });
  rows.push([
    '加权总分（百分制）',
    '100',
    ...i.sheets.map((s) => (s.total === null ? '—' : two(s.total))),
    i.result ? two(i.result.mean) : '—',
  ]);
  const label = (key: string | null) =>
    i.sheet.recommendations.find((r) => r.key === key)?.label ?? '（未选择）';
  const criterionLabel = new Map(i.sheet.criteria.map((c) => [c.key, c.label]));
  const opinions: PaperBlock[] = i.sheets.flatMap((s, k) => {
    const notes = Object.entries(s.comments)
      .filter(([, t]) => t.trim())
      .map(([key, t]) => `${criterionLabel.get(key) ?? key}：${t}`);
    return [
      { kind: 'heading', text: `${experts[k]}：${label(s.recommendation)}` },
      { kind: 'paragraph', text: s.comment.trim() || '（无总体意见）' },
      ...notes.map((t): PaperBlock => ({ kind: 'paragraph', text: t })),
    ];
  });
  const widthOf = (share: number) => Math.max(6, Math.floor(share / Math.max(n + 1, 1)));
  const scoreWidth = widthOf(52);
  const title = `专家评审意见表（第${i.roundNo}轮${KIND_ZH[i.kind]}）`;
  return {
    title,
    cover: null,
    blocks: [
      { kind: 'heading', text: title },
      { kind: 'paragraph', text: `${i.callTitle}\u3000打印时间：${i.printedAt}` },
      {
        kind: 'fields',
        rows: [
          ['申报编号', i.application.receiptNumber ?? '—'],
          ['项目名称', i.application.projectTitle ?? '—'],
          ['申报单位', i.application.orgName ?? '—'],
          ['申报方向', i.application.directionTitle],
          ['评审轮次', `第${i.roundNo}轮${KIND_ZH[i.kind]}，提交评分 ${n} 份`],
        ],
      },
      { kind: 'heading', text: '一、评分' },
      {
        kind: 'table',
        head: ['评审指标', '满分', ...experts, '平均'],
        rows,
        widths: [100 - 10 - scoreWidth * (n + 1), 10, ...Array(n + 1).fill(scoreWidth)],
        numeric: Array.from({ length: n + 2 }, (_, k) => k + 1),
      },
      {
        kind: 'paragraph',
        text: i.result
          ? `汇总：平均分 ${two(i.result.mean)}，截尾均值 ${two(i.result.trimmedMean)}（五份及以上去掉一个最高分和一个最低分，不足五份时取平均），在本方向排名第 ${i.result.rank} 位。`
          : '汇总：本项目尚无已提交的评分。',
      },
      { kind: 'heading', text: '二、专家意见' },
      ...(opinions.length ? opinions : [{ kind: 'paragraph', text: '（尚无专家意见）' } as PaperBlock]),
      {
        kind: 'signatures',
        lines: [
          { label: '专家组组长签字', date: true },
          { label: '项目管理人员签字', date: true },
        ],
      },
    ],
  };
}
