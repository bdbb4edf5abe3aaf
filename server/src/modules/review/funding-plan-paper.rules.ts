/**
 * The funding plan (资助计划, issue 12) as a printed document, rendered to Word by the applications
 * module's renderDocx: the call and the budget, per direction its limits and what the plan uses of them,
 * the ranked lines (project, organisation, request, grant, first year, reason), the totals, the
 * consultation (会商) and the signature lines. Amounts in 万元 as the guides print them. Pure.
 */
import type { PaperBlock, PaperDocument } from '../applications/index.js';
import { fenToWan } from '../../../../shared/money.js';
import type { FundingPlan } from './funding-plan.schema.js';

const wan = (fen: number | null) => fenToWan(fen) || '—';

export function fundingPlanPaper(p: FundingPlan, printedAt: string): PaperDocument {
  const title = p.title;
  const limits = p.directions.map((d) => [
    `${d.code} ${d.title}`,
    d.projectCount === null ? '不限' : `${d.lines} / ${d.projectCount}`,
    wan(d.capPerProjectFen),
    wan(d.firstYearCapFen),
    wan(d.grantFen),
  ]);
  const lines = p.lines.map((l) => [
    String(l.rank),
    l.receiptNumber ?? '—',
    l.projectTitle ?? '—',
    l.orgName ?? '—',
    l.directionCode,
    wan(l.requestedFen),
    wan(l.grantFen),
    wan(l.firstYearFen),
    l.reason ?? '',
  ]);
  lines.push(['', '', '合计', '', '', '', wan(p.totalGrantFen), wan(p.totalFirstYearFen), '']);
  const consultation: PaperBlock[] = p.consultation
    ? [
        {
          kind: 'fields',
          rows: [
            ['会商日期', p.consultation.on],
            ['会商单位', p.consultation.body],
            ['会商意见', p.consultation.note],
          ],
        },
      ]
    : [{ kind: 'paragraph', text: '（尚未会商）' }];
  return {
    title,
    cover: null,
    blocks: [
      { kind: 'heading', text: title },
      { kind: 'paragraph', text: `${p.callName}\u3000状态：${p.statusLabel.zh}\u3000打印时间：${printedAt}` },
      {
        kind: 'fields',
        rows: [
          ['年度预算安排（万元）', wan(p.budgetFen)],
          ['计划资助合计（万元）', wan(p.totalGrantFen)],
          ['其中立项当年（万元）', wan(p.totalFirstYearFen)],
          ['列入项目数', String(p.lines.length)],
        ],
      },
      { kind: 'heading', text: '一、各方向限额与使用' },
      {
        kind: 'table',
        head: ['方向', '项目数（计划/上限）', '每项上限', '当年上限', '计划资助'],
        rows: limits,
        widths: [40, 15, 15, 15, 15],
        numeric: [2, 3, 4],
      },
      { kind: 'heading', text: '二、拟资助项目（单位：万元）' },
      {
        kind: 'table',
        head: ['序号', '申报编号', '项目名称', '申报单位', '方向', '申请', '资助', '当年', '核减理由'],
        rows: lines,
        widths: [5, 12, 22, 17, 6, 8, 8, 8, 14],
        numeric: [5, 6, 7],
      },
      { kind: 'heading', text: '三、会商情况' },
      ...consultation,
      {
        kind: 'signatures',
        lines: [
          { label: '经办人签字', date: true },
          { label: '处室负责人签字', date: true },
        ],
      },
    ],
  };
}
