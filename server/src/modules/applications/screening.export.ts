/** The screening list as an .xlsx workbook (exceljs), personal data masked. */
import ExcelJS from 'exceljs';
import type { AppContext } from '../../platform/context.js';
import { auditEvent } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { fenToWanNumber } from '../../../../shared/money.js';
import { loadCall } from '../calls/index.js';
import { screeningList, type ScreeningFilter } from './screening.service.js';

/** Excel number format of an amount column: 万元 with two decimals. */
export const WAN_FORMAT = '0.00';

const RESULT_ZH = { pass: '通过', fail: '不通过', incomplete: '信息不完整' } as const;

/** The screening list as an .xlsx workbook (personal data masked). */
export async function screeningWorkbook(ctx: AppContext, caller: Caller, callId: string, f: ScreeningFilter) {
  const { call } = await loadCall(ctx, callId);
  const { items } = await screeningList(ctx, callId, f);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TransferOne 科转通';
  wb.created = caller.now;
  const ws = wb.addWorksheet('形式审查清单');
  ws.columns = [
    { header: '回执编号', key: 'receipt', width: 18 },
    { header: '提交时间（北京时间）', key: 'submittedAt', width: 22 },
    { header: '申报方向', key: 'direction', width: 26 },
    { header: '申报单位', key: 'org', width: 30 },
    { header: '单位类型', key: 'orgType', width: 14 },
    { header: '项目名称', key: 'title', width: 36 },
    { header: '项目负责人', key: 'lead', width: 12 },
    { header: '联系电话', key: 'phone', width: 16 },
    { header: '申请资助经费（万元）', key: 'requested', width: 14, style: { numFmt: WAN_FORMAT } },
    { header: '单位自筹经费（万元）', key: 'self', width: 14, style: { numFmt: WAN_FORMAT } },
    { header: '自动审查结论', key: 'automatic', width: 14 },
    { header: '最终结论', key: 'result', width: 12 },
    { header: '人工调整', key: 'overridden', width: 10 },
    { header: '考核指标承诺', key: 'kpis', width: 16 },
    { header: '未通过的规则', key: 'failed', width: 60 },
    { header: '人工调整理由', key: 'reasons', width: 40 },
    { header: '需核对', key: 'flags', width: 50 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const i of items) {
    ws.addRow({
      receipt: i.receiptNumber,
      submittedAt: i.submittedAt?.replace('T', ' ').slice(0, 19),
      direction: `${i.directionCode} ${i.directionTitle}`,
      org: i.orgName,
      orgType: i.orgTypeLabel.zh,
      title: i.projectTitle,
      lead: i.leadName,
      phone: i.leadPhone,
      // numbers in 万元 (two decimals), so the sheet sums and sorts them
      requested: fenToWanNumber(i.requestedGrantFen),
      self: fenToWanNumber(i.selfFundingFen),
      automatic: i.automatic ? RESULT_ZH[i.automatic] : '未审查',
      result: i.result ? RESULT_ZH[i.result] : '未审查',
      overridden: i.overridden ? '是' : '否',
      kpis:
        i.kpiCheck.overall === 'pass'
          ? `全部达到（${i.kpiCheck.passed}项）`
          : `${i.kpiCheck.failed}项未达到，${i.kpiCheck.unknown}项未承诺`,
      failed: i.findings
        .filter((x) => x.severity === 'error' && x.passed !== true)
        .map((x) => `${x.label}：${x.reason.zh}`)
        .join('\n'),
      reasons: i.findings
        .filter((x) => x.decision)
        .map(
          (x) =>
            `${x.label}：${x.decision!.action === 'override' ? '调整为' + (x.decision!.verdict === 'pass' ? '通过' : '不通过') : '确认'}（${x.decision!.reason}）`,
        )
        .join('\n'),
      flags: i.flags.map((x) => x.zh).join('\n'),
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'screening.export',
    objectType: 'call',
    objectId: callId,
    detail: { rows: items.length, filter: f },
  });
  return { buffer, filename: `screening-${call.year}-${callId.slice(0, 8)}.xlsx` };
}
