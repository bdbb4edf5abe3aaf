// Change requests (issue 13): seed 003 §二 C31 — "因跨区搬迁……无法按期完成，故申请延期，扶持资金尾款于项目建成
// 验收后拨付"; an extension moves the end, the materials due date (3 months after) and the acceptance
// due date (6 months after); KPI targets stay at or above the guide's KPI; a budget keeps its totals.
import { describe, expect, it } from 'vitest';
import { kpiTargets, milestonesOf } from './agreement.rules.js';
import { applyChange, checkChange, type AgreementFacts } from './change.rules.js';

const facts: AgreementFacts = {
  endDate: '2024-11-30',
  kpis: kpiTargets(
    [{ id: 'd4.cases', metric: '形成技术交易案例数', unit: '项', comparator: '>=', value: 20 }],
    [],
  ),
  budget: [
    { year: 1, municipalFen: 150, selfFundingFen: 100, districtMatchingFen: 0 },
    { year: 2, municipalFen: 150, selfFundingFen: 100, districtMatchingFen: 0 },
  ],
  milestones: milestonesOf({ start: '2022-12-01', end: '2024-11-30' }, 2),
};

describe('change requests', () => {
  it('extends the period and moves the end, the materials and the acceptance dates, not the mid-term', () => {
    expect(checkChange(facts, { kind: 'extension', newEndDate: '2025-05-31' })).toEqual([]);
    const set = applyChange(facts, { kind: 'extension', newEndDate: '2025-05-31' });
    expect(set.endDate).toBe('2025-05-31');
    expect(set.extendedTo).toBe('2025-05-31');
    expect(set.milestones!.map((m) => [m.key, m.dueDate])).toEqual([
      ['midterm', '2023-12-01'],
      ['end', '2025-05-31'],
      ['materialsDue', '2025-08-31'],
      ['acceptanceDue', '2025-11-30'],
    ]);
  });

  it('refuses an extension that is not later than the current end', () => {
    expect(checkChange(facts, { kind: 'extension', newEndDate: '2024-11-30' })).toMatchObject([
      { field: 'newEndDate', code: 'not_later' },
    ]);
  });

  it('adjusts a KPI target, never below the guide (seed 003 §五 (二) 2: 目标值设置过低)', () => {
    expect(
      checkChange(facts, { kind: 'kpiTargets', targets: [{ key: 'd4.cases', target: 19 }] }),
    ).toMatchObject([{ field: 'targets.0.target', code: 'below_direction_kpi' }]);
    const set = applyChange(facts, { kind: 'kpiTargets', targets: [{ key: 'd4.cases', target: 25 }] });
    expect(set.kpis![0]!.target).toBe(25);
  });

  it('moves budget between years when each total is kept', () => {
    const moved = [
      { year: 2, municipalFen: 100, selfFundingFen: 100, districtMatchingFen: 0 },
      { year: 1, municipalFen: 200, selfFundingFen: 100, districtMatchingFen: 0 },
    ];
    expect(checkChange(facts, { kind: 'budget', budget: moved })).toEqual([]);
    expect(applyChange(facts, { kind: 'budget', budget: moved }).budget!.map((y) => y.year)).toEqual([1, 2]);
    expect(
      checkChange(facts, { kind: 'budget', budget: [{ ...moved[0]!, municipalFen: 101 }, moved[1]!] }),
    ).toMatchObject([{ field: 'budget.municipalFen' }]);
  });
});
