// The agreement drafted from an awarded application (issue 13): KPI targets never below the
// direction's KPI (seed 003 §五 (二) 2: 目标值设置过低), the budget by year and source in exact fen, the
// milestones of seed 003 §二 C31/C32 (materials within 3 months after the end, acceptance within 6).
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  checkAgreementEdit,
  draftAgreement,
  kpiTargets,
  milestonesOf,
  splitEvenly,
  type DirectionKpiFacts,
} from './agreement.rules.js';

const WAN = 1_000_000;
// 2022 call 方向 3 科研机构概念验证中心 (call-2022.json): 开展概念验证早期科技成果数 ≥ 10 项, 推动概念验证成果转化数 ≥ 3 项
const D3: DirectionKpiFacts[] = [
  { id: 'd3.earlyPoc', metric: '开展概念验证早期科技成果数', unit: '项', comparator: '>=', value: 10 },
  { id: 'd3.pocTransfers', metric: '推动概念验证成果转化数', unit: '项', comparator: '>=', value: 3 },
];
// 2022 call 方向 4: 促成技术交易额 ≥ 15 亿元
const D4: DirectionKpiFacts[] = [
  { id: 'd4.dealValue', metric: '促成技术交易额', unit: '亿元', comparator: '>=', value: 15 },
];

describe('KPI targets', () => {
  it("takes the applicant's commitment when it meets the KPI, else the direction's figure", () => {
    const lines = kpiTargets(D3, [
      { kpiId: 'd3.earlyPoc', metric: '开展概念验证早期科技成果数', unit: '项', comparator: '>=', value: 12 },
      // a commitment below the KPI (2 < 3) does not become the target
      { kpiId: 'd3.pocTransfers', metric: '推动概念验证成果转化数', unit: '项', comparator: '>=', value: 2 },
      { metric: '举办路演活动', unit: '项', comparator: '>=', value: 6 },
    ]);
    expect(lines.map((l) => [l.key, l.target, l.source])).toEqual([
      ['d3.earlyPoc', 12, 'commitment'],
      ['d3.pocTransfers', 3, 'direction'],
      ['extra.1', 6, 'commitment'],
    ]);
    expect(lines[2]!.direction).toBeNull();
  });

  it('keeps a commitment in a fitting unit (16000 万元 for ≥ 15 亿元) and its KPI identity', () => {
    const [l] = kpiTargets(D4, [
      { kpiId: 'd4.dealValue', metric: '促成技术交易额', unit: '万元', value: 160000 },
    ]);
    expect(l).toMatchObject({
      key: 'd4.dealValue',
      kpiId: 'd4.dealValue',
      unit: '万元',
      target: 160000,
      comparator: '>=',
    });
  });

  it('refuses an edit that lowers a target below the KPI, naming the field and both figures', () => {
    const kpis = kpiTargets(D3, []);
    const problems = checkAgreementEdit(
      { kpis, budget: [] },
      {
        targets: [
          { key: 'd3.earlyPoc', target: 20 },
          { key: 'd3.pocTransfers', target: 2 },
          { key: 'nope', target: 1 },
        ],
      },
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['targets.1.target', 'below_direction_kpi'],
      ['targets.2.key', 'unknown_kpi'],
    ]);
    expect(problems[0]!.zh).toBe('「推动概念验证成果转化数」目标 ≥ 2项 低于指南的考核指标 ≥ 3项');
  });
});

describe('budget and milestones', () => {
  it('splits a source evenly in fen with the remainder in the last year', () => {
    expect(splitEvenly(200 * WAN + 1, 2)).toEqual([100 * WAN, 100 * WAN + 1]);
    expect(splitEvenly(10, 3)).toEqual([3, 3, 4]);
  });

  it('drafts a two-year 2022 project: 50 % of the grant in year 1, 50 % in year 2, sums exact', () => {
    const r = draftAgreement({
      grantFen: 200 * WAN,
      firstYearCapFen: null,
      period: { start: '2022-12-01', end: '2024-11-30' },
      directionKpis: D3,
      commitments: [],
      selfFundingFen: 400 * WAN + 1,
      districtMatchingFen: 0,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.years).toBe(2);
    expect(r.draft.budget).toEqual([
      { year: 1, municipalFen: 100 * WAN, selfFundingFen: 200 * WAN, districtMatchingFen: 0 },
      { year: 2, municipalFen: 100 * WAN, selfFundingFen: 200 * WAN + 1, districtMatchingFen: 0 },
    ]);
    expect(r.draft.milestones.map((m) => [m.key, m.dueDate])).toEqual([
      ['midterm', '2023-12-01'],
      ['end', '2024-11-30'],
      ['materialsDue', '2025-02-28'],
      ['acceptanceDue', '2025-05-30'],
    ]);
  });

  it('puts a three-year project’s tranches in years 1, 2 and 3', () => {
    const r = draftAgreement({
      grantFen: 500 * WAN,
      firstYearCapFen: 300 * WAN,
      period: { start: '2023-11-01', end: '2026-10-31' },
      directionKpis: [],
      commitments: [],
      selfFundingFen: 0,
      districtMatchingFen: 300 * WAN,
    });
    expect(r.ok && r.draft.budget.map((y) => [y.municipalFen, y.districtMatchingFen])).toEqual([
      [300 * WAN, 100 * WAN],
      [100 * WAN, 100 * WAN],
      [100 * WAN, 100 * WAN],
    ]);
  });

  it('has no mid-term review for a one-year project; month ends clamp (08-31 + 6 months → 02-28)', () => {
    expect(
      milestonesOf({ start: '2024-09-01', end: '2025-08-31' }, 1).map((m) => [m.key, m.dueDate]),
    ).toEqual([
      ['end', '2025-08-31'],
      ['materialsDue', '2025-11-30'],
      ['acceptanceDue', '2026-02-28'],
    ]);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it("refuses a budget edit that changes a source's total, naming the source", () => {
    const budget = [
      { year: 1, municipalFen: 100, selfFundingFen: 50, districtMatchingFen: 0 },
      { year: 2, municipalFen: 100, selfFundingFen: 50, districtMatchingFen: 0 },
    ];
    const moved = [
      { year: 1, municipalFen: 150, selfFundingFen: 50, districtMatchingFen: 0 },
      { year: 2, municipalFen: 50, selfFundingFen: 50, districtMatchingFen: 0 },
    ];
    expect(checkAgreementEdit({ kpis: [], budget }, { budget: moved })).toEqual([]);
    const more = [moved[0]!, { ...moved[1]!, selfFundingFen: 51 }];
    expect(checkAgreementEdit({ kpis: [], budget }, { budget: more }).map((p) => p.field)).toEqual([
      'budget.selfFundingFen',
    ]);
    expect(checkAgreementEdit({ kpis: [], budget }, { budget: [moved[0]!] }).map((p) => p.code)).toEqual([
      'budget_years',
    ]);
  });
});
