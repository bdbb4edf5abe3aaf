// Seed 003 §一.3 (3) 政策兑现方式: "第一种为一年执行期项目，在验收合格后一次性拨付；第二种为两年执行期项目，
// 在第一年拨付 50%，验收合格后拨付 50%；第三种为三年期项目，……立项当年拨付 60%，中期和验收合格后分别拨付 20%。"
import { describe, expect, it } from 'vitest';
import { projectYears, scheduleFor, type ScheduleTemplate } from './disbursement.rules.js';

const WAN = 1_000_000; // fen per 万元

describe('project length from the execution period', () => {
  it.each([
    ['2022-12-01', '2024-11-30', 2, 'the 2022 call (seed 003 表 1-9)'],
    ['2023-11-01', '2026-10-31', 3, "the 2023 guide's topic 1"],
    ['2023-11-01', '2025-10-31', 2, "the 2023 guide's topic 2"],
    ['2024-01-01', '2024-12-31', 1, 'one calendar year (a leap year)'],
    ['2024-01-01', '2024-07-31', null, 'seven months'],
    ['2024-01-01', '2027-12-31', 4, 'four years (no schedule for it below)'],
  ] as Array<[string, string, number | null, string]>)('%s to %s is %s years (%s)', (start, end, years) => {
    expect(projectYears(start, end)).toBe(years);
  });
});

describe('the three schedules', () => {
  it('pays a one-year project in full after acceptance', () => {
    const s = scheduleFor({ grantFen: 100 * WAN, years: 1 });
    expect(s.ok && s.tranches.map((t) => [t.trigger, t.percent, t.amountFen])).toEqual([
      ['acceptance', 100, 100 * WAN],
    ]);
    expect(s.ok && s.firstYearFen).toBe(0);
  });

  it('pays a two-year project 50 % in the first year and 50 % after acceptance', () => {
    const s = scheduleFor({ grantFen: 200 * WAN, years: 2 });
    expect(s.ok && s.tranches.map((t) => [t.trigger, t.percent, t.amountFen])).toEqual([
      ['award', 50, 100 * WAN],
      ['acceptance', 50, 100 * WAN],
    ]);
  });

  it('pays a three-year project 60 / 20 / 20 (award, mid-term, acceptance)', () => {
    const s = scheduleFor({ grantFen: 500 * WAN, years: 3, firstYearCapFen: 300 * WAN });
    expect(s.ok && s.tranches.map((t) => [t.trigger, t.percent, t.amountFen])).toEqual([
      ['award', 60, 300 * WAN],
      ['midterm', 20, 100 * WAN],
      ['acceptance', 20, 100 * WAN],
    ]);
    // 2023 guide 方向 1-3: "立项当年支持额度不超过300万" — 60 % of the 500万 cap is exactly the first-year cap
    expect(s.ok && s.firstYearFen).toBe(300 * WAN);
  });

  it('has no schedule for a four-year or part-year period, and says so', () => {
    const four = scheduleFor({ grantFen: 100 * WAN, years: 4 });
    expect(four).toMatchObject({ ok: false, code: 'no_schedule', field: 'period' });
    expect(!four.ok && four.reason.zh).toContain('项目实施周期为 1-3 年');
    expect(scheduleFor({ grantFen: 100 * WAN, years: null })).toMatchObject({
      ok: false,
      code: 'no_schedule',
    });
  });

  it('refuses a grant that is not a positive whole number of fen', () => {
    expect(scheduleFor({ grantFen: 0, years: 2 })).toMatchObject({ ok: false, code: 'grant_missing' });
    expect(scheduleFor({ grantFen: 10.5, years: 2 })).toMatchObject({ ok: false, code: 'grant_missing' });
  });
});

describe('rounding: shares rounded down to the fen, the last tranche takes the rest', () => {
  it.each([
    [1, 2, [0, 1]],
    [3, 3, [1, 0, 2]],
    [333_333_33, 3, [199_999_99, 66_666_66, 66_666_68]],
    [100_000_01, 2, [50_000_00, 50_000_01]],
  ])('a grant of %s fen over %s years → %j, adding up exactly', (grant, years, amounts) => {
    const s = scheduleFor({ grantFen: grant, years });
    expect(s.ok && s.tranches.map((t) => t.amountFen)).toEqual(amounts);
    expect(s.ok && s.tranches.reduce((n, t) => n + t.amountFen, 0)).toBe(grant);
  });
});

describe("the direction's first-year cap (立项当年支持额度)", () => {
  it('refuses a first-year amount over the cap, naming both figures', () => {
    // a 600万 grant over three years would pay 360万 in the first year against a 300万 cap
    const s = scheduleFor({ grantFen: 600 * WAN, years: 3, firstYearCapFen: 300 * WAN });
    expect(s).toMatchObject({ ok: false, code: 'first_year_over_cap', field: 'grantFen' });
    expect(!s.ok && s.reason.zh).toBe('立项当年拨付 360 万元，超过方向的立项当年支持额度 300 万元');
  });

  it('accepts exactly the cap, and any amount where the direction has none', () => {
    expect(scheduleFor({ grantFen: 500 * WAN, years: 3, firstYearCapFen: 300 * WAN }).ok).toBe(true);
    expect(scheduleFor({ grantFen: 900 * WAN, years: 3, firstYearCapFen: null }).ok).toBe(true);
  });

  it('takes another call’s templates as data, and refuses one whose shares do not add up to 100 %', () => {
    const mine: ScheduleTemplate[] = [
      {
        years: 2,
        source: 'a later call',
        tranches: [
          { trigger: 'award', percent: 70, label: { zh: '立项后', en: 'After the award' } },
          { trigger: 'acceptance', percent: 20, label: { zh: '验收后', en: 'After acceptance' } },
        ],
      },
    ];
    expect(scheduleFor({ grantFen: 100 * WAN, years: 2 }, mine)).toMatchObject({
      ok: false,
      code: 'schedule_not_100',
    });
    mine[0]!.tranches[1]!.percent = 30;
    const s = scheduleFor({ grantFen: 100 * WAN, years: 2, firstYearCapFen: 60 * WAN }, mine);
    expect(s).toMatchObject({ ok: false, code: 'first_year_over_cap' });
  });
});
