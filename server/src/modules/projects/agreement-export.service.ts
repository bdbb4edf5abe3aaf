/**
 * The agreement (任务书) as Word, in the usual layout of a Shanghai science and technology programme's
 * agreement: a cover with the project, the organisation, the period and the commission, then the basic
 * facts, the KPI targets, the budget by year and source, the disbursement schedule, the milestones, and
 * the signature and stamp lines with the online confirmations recorded on the platform.
 */
import type { Caller } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { showFen } from '../../../../shared/money.js';
import { formatShanghai } from '../../../../shared/time.js';
import { CMP_SYMBOL } from '../../../../shared/kpi.units.js';
import { renderDocx, type PaperBlock, type PaperDocument } from '../applications/index.js';
import { getAgreement } from './agreement.service.js';
import type { Agreement } from './projects.schema.js';

const yuan = (fen: number) => showFen(fen, 'zh');

export function agreementPaper(a: Agreement): PaperDocument {
  const sum = (k: 'municipalFen' | 'selfFundingFen' | 'districtMatchingFen') =>
    a.budget.reduce((n, y) => n + y[k], 0);
  const blocks: PaperBlock[] = [
    { kind: 'heading', text: '一、项目基本信息' },
    {
      kind: 'fields',
      rows: [
        ['项目名称', a.projectTitle],
        ['承担单位', a.orgName ?? ''],
        ['指南方向', `${a.directionCode} ${a.directionTitle}`],
        ['执行期限', `${a.startDate} 至 ${a.endDate}（${a.years} 年）`],
        ['市级财政资助', yuan(a.grantFen)],
        ['立项当年拨付', yuan(a.firstYearFen)],
        ['单位自筹经费', yuan(a.selfFundingFen)],
        ['区级配套资金', yuan(a.districtMatchingFen)],
      ],
    },
    { kind: 'heading', text: '二、考核指标' },
    {
      kind: 'table',
      head: ['序号', '指标', '任务书目标', '指南要求', '来源'],
      widths: [8, 40, 18, 18, 16],
      rows: a.kpis.map((k, i) => [
        String(i + 1),
        k.metric,
        `${CMP_SYMBOL[k.comparator]} ${k.target}${k.unit}`,
        k.direction ? `${CMP_SYMBOL[k.direction.comparator]} ${k.direction.value}${k.direction.unit}` : '—',
        k.source === 'commitment' ? '申报承诺' : '指南指标',
      ]),
    },
    { kind: 'heading', text: '三、经费预算（按项目年度）' },
    {
      kind: 'table',
      head: ['项目年度', '市级财政资助', '单位自筹', '区级配套', '合计'],
      widths: [16, 21, 21, 21, 21],
      numeric: [1, 2, 3, 4],
      rows: [
        ...a.budget.map((y) => [
          `第 ${y.year} 年`,
          yuan(y.municipalFen),
          yuan(y.selfFundingFen),
          yuan(y.districtMatchingFen),
          yuan(y.municipalFen + y.selfFundingFen + y.districtMatchingFen),
        ]),
        [
          '合计',
          yuan(sum('municipalFen')),
          yuan(sum('selfFundingFen')),
          yuan(sum('districtMatchingFen')),
          yuan(sum('municipalFen') + sum('selfFundingFen') + sum('districtMatchingFen')),
        ],
      ],
    },
    { kind: 'heading', text: '四、资金拨付计划' },
    {
      kind: 'paragraph',
      text: `按${a.scheduleSource}确定：各期按资助金额乘以比例计至分（舍去分以下），末期为余额，合计等于资助金额。`,
    },
    {
      kind: 'table',
      head: ['期次', '拨付条件', '比例', '金额', '状态'],
      widths: [10, 36, 12, 22, 20],
      numeric: [2, 3],
      rows: a.tranches.map((t) => [
        `第 ${t.seq} 期`,
        `${t.label.zh}（${t.triggerLabel.zh}）`,
        `${t.percent}%`,
        yuan(t.amountFen),
        t.paidOn ? `已拨付 ${t.paidOn}` : t.statusLabel.zh,
      ]),
    },
    { kind: 'heading', text: '五、进度安排与验收时限' },
    {
      kind: 'table',
      head: ['节点', '时间'],
      widths: [70, 30],
      rows: a.milestones.map((m) => [m.title.zh, m.dueDate]),
    },
    { kind: 'heading', text: '六、签署' },
    {
      kind: 'paragraph',
      text: [
        a.orgConfirmed
          ? `承担单位已于 ${formatShanghai(a.orgConfirmed.at, 'YYYY-MM-DD HH:mm')}（北京时间）在线确认${a.orgConfirmed.by ? `（${a.orgConfirmed.by}）` : ''}。`
          : '承担单位尚未在线确认。',
        a.confirmed
          ? `市科委已于 ${formatShanghai(a.confirmed.at, 'YYYY-MM-DD HH:mm')}（北京时间）在线确认签订${a.confirmed.by ? `（${a.confirmed.by}）` : ''}。`
          : '市科委尚未确认签订。',
      ].join(''),
    },
    {
      kind: 'signatures',
      lines: [
        { label: '项目承担单位（盖章）', date: true },
        { label: '项目负责人（签字）', date: true },
        { label: '上海市科学技术委员会（盖章）', date: true },
      ],
    },
  ];
  return {
    title: `上海市科技计划项目任务书：${a.projectTitle}`,
    cover: {
      lines: ['上海市科技计划项目', '任 务 书'],
      fields: [
        ['项目名称', a.projectTitle],
        ['承担单位', a.orgName ?? ''],
        ['执行期限', `${a.startDate} 至 ${a.endDate}`],
        ['主管部门', '上海市科学技术委员会'],
      ],
      stamp: '承担单位（盖章）',
    },
    blocks,
  };
}

export async function agreementDocx(ctx: AppContext, caller: Caller, id: string) {
  const a = await getAgreement(ctx, caller, id);
  const buffer = await renderDocx(agreementPaper(a));
  return { buffer, filename: `任务书-${a.projectTitle}.docx` };
}
