/**
 * Disbursement schedules (拨付方式) as data, chosen by the project's length, and the schedule of one
 * agreement computed from them in integer fen. Seed 003 §一.3 (3) 政策兑现方式: "第一种为一年执行期项目，
 * 在验收合格后一次性拨付；第二种为两年执行期项目，在第一年拨付 50%，验收合格后拨付 50%；第三种为三年期项目，
 * 按立项当年、中期和验收合格后三次拨付，立项当年拨付 60%，中期和验收合格后分别拨付 20%。" A later call may
 * pass other templates. Pure: no I/O, no clock.
 *
 * Rounding: every tranche but the last is the grant × its share, rounded down to the fen; the last
 * takes what is left, so the tranches always add up to the grant exactly.
 */
import type { ZhEn } from '../../../../shared/i18n.js';
import { showFen } from '../../../../shared/money.js';

/** What releases a tranche: the confirmed agreement (立项当年/第一年), the mid-term review, the acceptance. */
export type TrancheTrigger = 'award' | 'midterm' | 'acceptance';

export interface TrancheTemplate {
  trigger: TrancheTrigger;
  /** whole percent of the grant */
  percent: number;
  label: ZhEn;
}

export interface ScheduleTemplate {
  years: number;
  tranches: TrancheTemplate[];
  source: string;
}

const SEED = '上海市科委 2021-2023 年绩效评价报告 §一.3 (3) 政策兑现方式';
const T = (trigger: TrancheTrigger, percent: number, zh: string, en: string): TrancheTemplate => ({
  trigger,
  percent,
  label: { zh, en },
});

export const DISBURSEMENT_TEMPLATES: readonly ScheduleTemplate[] = [
  {
    years: 1,
    source: SEED,
    tranches: [T('acceptance', 100, '验收合格后一次性拨付', 'In full after acceptance')],
  },
  {
    years: 2,
    source: SEED,
    tranches: [
      T('award', 50, '第一年拨付', 'In the first year'),
      T('acceptance', 50, '验收合格后拨付', 'After acceptance'),
    ],
  },
  {
    years: 3,
    source: SEED,
    tranches: [
      T('award', 60, '立项当年拨付', 'In the year of the award'),
      T('midterm', 20, '中期评估后拨付', 'After the mid-term review'),
      T('acceptance', 20, '验收合格后拨付', 'After acceptance'),
    ],
  },
];

export const TRIGGER_LABEL: Record<TrancheTrigger, ZhEn> = {
  award: { zh: '任务书签订后', en: 'Once the agreement is confirmed' },
  midterm: { zh: '中期检查通过后', en: 'Once the mid-term review has passed' },
  acceptance: { zh: '验收通过后', en: 'Once the acceptance has passed' },
};

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/**
 * The project's length in whole years from its execution period (both days inclusive): 2022-12-01 to
 * 2024-11-30 is 2 years, 2023-11-01 to 2026-10-31 is 3. Null when it is not within half a month of a
 * whole number of years.
 */
export function projectYears(start: string, end: string): number | null {
  const days = dayNumber(end) - dayNumber(start) + 1;
  if (!Number.isFinite(days) || days <= 0) return null;
  const years = Math.round(days / 365.25);
  return years >= 1 && Math.abs(days - years * 365.25) <= 16 ? years : null;
}

export interface ScheduledTranche {
  seq: number;
  trigger: TrancheTrigger;
  percent: number;
  amountFen: number;
  label: ZhEn;
}

export type ScheduleResult =
  | { ok: true; years: number; tranches: ScheduledTranche[]; firstYearFen: number; source: string }
  | { ok: false; field: string; code: string; reason: ZhEn };

/**
 * The schedule of an agreement: the template for its length, its tranches in fen (rounding above),
 * and the first-year amount (the tranches released by the award) checked against the direction's
 * 立项当年支持额度 cap.
 */
export function scheduleFor(
  input: { grantFen: number; years: number | null; firstYearCapFen?: number | null },
  templates: readonly ScheduleTemplate[] = DISBURSEMENT_TEMPLATES,
): ScheduleResult {
  const { grantFen, years } = input;
  if (!Number.isSafeInteger(grantFen) || grantFen <= 0)
    return {
      ok: false,
      field: 'grantFen',
      code: 'grant_missing',
      reason: { zh: '资助金额须为正的整数分', en: 'The grant must be a positive whole number of fen' },
    };
  const tpl = years === null ? undefined : templates.find((t) => t.years === years);
  if (!tpl)
    return {
      ok: false,
      field: 'period',
      code: 'no_schedule',
      reason: {
        zh: `执行期${years === null ? '不是整年' : `为 ${years} 年`}，没有对应的拨付方式（项目实施周期为 1-3 年）`,
        en: `No disbursement schedule for an execution period of ${years === null ? 'part of a year' : `${years} years`} (projects run 1 to 3 years)`,
      },
    };
  const total = tpl.tranches.reduce((n, t) => n + t.percent, 0);
  if (total !== 100)
    return {
      ok: false,
      field: 'schedule',
      code: 'schedule_not_100',
      reason: {
        zh: `拨付方式各期比例合计 ${total}%，应为 100%`,
        en: `The schedule's shares add up to ${total}%, not 100%`,
      },
    };
  let left = grantFen;
  const tranches = tpl.tranches.map((t, i) => {
    const last = i === tpl.tranches.length - 1;
    const amountFen = last ? left : Math.floor((grantFen * t.percent) / 100);
    left -= amountFen;
    return { seq: i + 1, trigger: t.trigger, percent: t.percent, amountFen, label: t.label };
  });
  const firstYearFen = tranches.filter((t) => t.trigger === 'award').reduce((n, t) => n + t.amountFen, 0);
  const cap = input.firstYearCapFen;
  if (cap != null && firstYearFen > cap)
    return {
      ok: false,
      field: 'grantFen',
      code: 'first_year_over_cap',
      reason: {
        zh: `立项当年拨付 ${showFen(firstYearFen, 'zh')}，超过方向的立项当年支持额度 ${showFen(cap, 'zh')}`,
        en: `The first year's ${showFen(firstYearFen, 'en')} exceeds the direction's first-year cap of ${showFen(cap, 'en')}`,
      },
    };
  return { ok: true, years: tpl.years, tranches, firstYearFen, source: tpl.source };
}
