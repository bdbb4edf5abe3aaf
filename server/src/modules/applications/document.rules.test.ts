/** The printed papers' model (issue 11): pure, no database. */
import { describe, expect, it } from 'vitest';
import { findDirection, guide2023 } from '../calls/index.js';
import { applicationPaper, receiptPaper, type Block, type PaperDocument } from './document.rules.js';

const fields = (d: PaperDocument) => new Map(d.blocks.flatMap((b) => (b.kind === 'fields' ? b.rows : [])));
const tables = (d: PaperDocument) =>
  d.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');

describe('receiptPaper', () => {
  it('prints the stored instant as 2023年10月30日 16:29:59 北京时间', () => {
    const d = receiptPaper({
      number: 'SQ-2023-000042',
      submittedAt: new Date('2023-10-30T08:29:59Z'),
      sha256: 'ab'.repeat(32),
      callNumber: '沪科指南〔2023〕21号',
      callTitle: '科技成果转化服务体系建设项目申报指南',
      directionTitle: '概念验证中心建设',
      orgName: '上海理工科技大学',
      projectTitle: null,
    });
    const f = fields(d);
    expect(f.get('提交时间')).toBe('2023年10月30日 16:29:59 北京时间');
    expect(f.get('回执编号')).toBe('SQ-2023-000042');
    expect(f.get('申报材料摘要（SHA-256）')).toBe('ab'.repeat(32));
    expect(f.get('项目名称')).toBe('（未填写）');
    expect(d.blocks.some((b) => b.kind === 'stamp')).toBe(true);
  });
});

describe('applicationPaper', () => {
  const call = guide2023();
  const { direction } = findDirection(call, '1')!;
  const base = {
    call,
    direction,
    org: { name: '上海理工科技大学', type: 'university', region: '上海市杨浦区', uscc: '91310000MA1FL0000X' },
    attachments: [],
    receipt: null,
  };

  it('budget in 万元 with two decimals, a blank for no amount, the guide caps beside', () => {
    const d = applicationPaper({
      ...base,
      content: { budget: { requestedGrantFen: 4_000_000_000, selfFundingFen: 8_001_234_567 } },
    });
    const budget = tables(d).find((t) => t.head[1] === '金额（万元）')!;
    const row = (k: string) => budget.rows.find((r) => r[0] === k)!;
    expect(row('申请资助经费').slice(0, 2)).toEqual(['申请资助经费', '4000.00']);
    expect(row('申请资助经费')[2]).toBe('每项资助额度不超过 500.00 万元');
    expect(row('单位自筹经费')[1]).toBe('8001.23');
    expect(row('单位自筹经费')[2]).toContain('2:1');
    expect(row('合计')[1]).toBe('12001.23');
    expect(row('其中：立项当年申请额度')[1]).toBe('');
    expect(row('其中：立项当年申请额度')[2]).toBe('立项当年支持额度不超过 300.00 万元');
  });

  it('cover: number to come before submission, the receipt number and Beijing date after', () => {
    const draft = applicationPaper({ ...base, content: { project: { title: '示范项目' } } });
    expect(new Map(draft.cover!.fields).get('申报编号')).toBe('（正式提交后生成）');
    expect(new Map(draft.cover!.fields).get('项目名称')).toBe('示范项目');
    const sent = applicationPaper({
      ...base,
      content: {},
      receipt: { number: 'SQ-2023-000001', submittedAt: '2023-10-30T16:10:00Z' },
    });
    const cover = new Map(sent.cover!.fields);
    expect(cover.get('申报编号')).toBe('SQ-2023-000001');
    // 16:10 UTC is the next day in Beijing
    expect(cover.get('申报日期')).toBe('2023年10月31日');
    expect(cover.get('项目名称')).toBe('（未填写项目名称）');
  });

  it('KPIs: the commitment beside the guide requirement; an extra KPI says so', () => {
    const k = direction.kpis[0];
    const d = applicationPaper({
      ...base,
      content: {
        kpis: [
          { kpiId: k.id, metric: k.metric, unit: k.unit, comparator: '>=', value: k.value + 1 },
          { metric: '举办转化课堂', unit: '场', comparator: '>=', value: 4 },
        ],
      },
    });
    const kpis = tables(d).find((t) => t.head[1] === '考核指标')!;
    expect(kpis.rows[0]).toEqual(['1', k.metric, `≥ ${k.value + 1}`, k.unit, `≥ ${k.value} ${k.unit}`]);
    expect(kpis.rows[1][4]).toBe('自设指标');
  });
});
