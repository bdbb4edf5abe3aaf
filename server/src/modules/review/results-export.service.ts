/**
 * A round's results as an .xlsx workbook (exceljs) for the commission's decision meeting: the ranking
 * per direction with the mean, trimmed mean, range, endorsements and spread warnings, and a second
 * sheet with every submitted sheet's scores by criterion. Experts appear by a number per round, not by
 * name, so the workbook can be handed round without naming who scored what.
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../../platform/context.js';
import { auditEvent } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { fenToWanNumber } from '../../../../shared/money.js';
import { findRound, submittedScoresOfRound } from './review.repo.js';
import { roundResults } from './results.service.js';
import type { ScoreSheet } from './score-sheet.schema.js';

const KIND_ZH = { remoteReview: '通讯评审', panelReview: '见面会评审' } as const;

export async function resultsWorkbook(ctx: AppContext, caller: Caller, id: string, standardised: boolean) {
  const res = await roundResults(ctx, caller, id, standardised);
  const round = (await findRound(ctx.db, id))!;
  const sheet = round.score_sheet as ScoreSheet;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TransferOne 科转通';
  wb.created = caller.now;
  const ws = wb.addWorksheet(`第${round.round_no}轮${KIND_ZH[round.kind]}排名`);
  ws.columns = [
    { header: '方向', key: 'direction', width: 8 },
    { header: '排名', key: 'rank', width: 6 },
    { header: '回执编号', key: 'receipt', width: 18 },
    { header: '项目名称', key: 'title', width: 40 },
    { header: '申报单位', key: 'org', width: 30 },
    { header: '评分份数', key: 'count', width: 8 },
    { header: '平均分', key: 'mean', width: 8, style: { numFmt: '0.00' } },
    { header: '截尾均值', key: 'trimmed', width: 9, style: { numFmt: '0.00' } },
    { header: '最低分', key: 'min', width: 8, style: { numFmt: '0.00' } },
    { header: '最高分', key: 'max', width: 8, style: { numFmt: '0.00' } },
    { header: '建议立项票数', key: 'endorsements', width: 10 },
    { header: '申请资助经费（万元）', key: 'requested', width: 14, style: { numFmt: '0.00' } },
    { header: '分歧提示', key: 'warnings', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const i of res.items)
    ws.addRow({
      direction: i.directionCode,
      rank: i.rank,
      receipt: i.receiptNumber,
      title: i.projectTitle,
      org: i.orgName,
      count: i.count,
      mean: i.mean,
      trimmed: i.trimmedMean,
      min: i.min,
      max: i.max,
      endorsements: i.endorsements,
      requested: fenToWanNumber(i.requestedGrantFen),
      warnings: i.warnings.map((w) => w.zh).join('\n'),
    });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.addRow([]);
  ws.addRow([
    `${standardised ? '按专家标准化分' : '按原始分'}；截尾均值：5 份及以上评分时去掉一个最高分和一个最低分。同分依次比较：截尾均值、建议立项票数、最低分、提交时间。`,
  ]);

  const detail = wb.addWorksheet('评分明细');
  detail.columns = [
    { header: '回执编号', key: 'receipt', width: 18 },
    { header: '专家', key: 'expert', width: 8 },
    ...sheet.criteria.map((c) => ({ header: `${c.label}（${c.maxScore}）`, key: `c_${c.key}`, width: 14 })),
    { header: '加权总分', key: 'total', width: 9, style: { numFmt: '0.00' } },
    { header: '推荐意见', key: 'recommendation', width: 12 },
    { header: '专家意见', key: 'comment', width: 60 },
  ];
  detail.getRow(1).font = { bold: true };
  const receipt = new Map(res.items.map((i) => [i.applicationId, i.receiptNumber]));
  const numberOf = new Map<string, number>();
  const scores = (await submittedScoresOfRound(ctx.db, id)).sort(
    (a, b) =>
      (receipt.get(a.application_id) ?? '').localeCompare(receipt.get(b.application_id) ?? '') ||
      a.assignment_id.localeCompare(b.assignment_id),
  );
  for (const s of scores) {
    if (!numberOf.has(s.expert_user_id)) numberOf.set(s.expert_user_id, numberOf.size + 1);
    detail.addRow({
      receipt: receipt.get(s.application_id) ?? '',
      expert: `专家${numberOf.get(s.expert_user_id)}`,
      ...Object.fromEntries(sheet.criteria.map((c) => [`c_${c.key}`, s.scores[c.key] ?? null])),
      total: s.total,
      recommendation: sheet.recommendations.find((r) => r.key === s.recommendation)?.label ?? '',
      comment: s.comment,
    });
  }
  detail.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'review.results.export',
    objectType: 'review.round',
    objectId: id,
    detail: { rows: res.items.length, sheets: scores.length, standardised },
  });
  return { buffer, filename: `review-round${round.round_no}-${id.slice(0, 8)}.xlsx` };
}
