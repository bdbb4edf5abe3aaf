/**
 * The agreement (任务书) drafted from an awarded application, and the checks on a change to it. Pure.
 *
 * - KPI targets: one line per KPI of the direction that applies to the organisation, with the
 *   applicant's commitment as the target when it meets the direction's KPI, else the direction's own
 *   figure (a target never below the KPI); the applicant's extra KPIs follow. Each line keeps the
 *   direction's KPI id, so the figure has one identity from the guide to acceptance.
 * - Budget: the municipal grant (the award), self-funding and district matching from the
 *   application, each split by project year (equal parts in fen, the remainder in the last year; the
 *   grant by its disbursement schedule).
 * - Milestones: the mid-term review halfway (projects over a year, seed 003 §七 (二) 2), the end of the
 *   execution period, acceptance materials within 3 months after it and the acceptance done within 6
 *   (seed 003 §二 C31/C32).
 */
import type { ZhEn } from '../../../../shared/i18n.js';
import { showFen } from '../../../../shared/money.js';
import { CMP_SYMBOL, commitmentMeets, toBase, unitsFitting } from '../../../../shared/kpi.units.js';
import type { Comparator } from '../../../../shared/rules/rule.schema.js';
import {
  projectYears,
  scheduleFor,
  type ScheduledTranche,
  type TrancheTrigger,
} from './disbursement.rules.js';

export interface DirectionKpiFacts {
  id: string;
  metric: string;
  unit: string;
  comparator: Comparator;
  value: number;
}

export interface CommitmentFacts {
  kpiId?: string;
  metric: string;
  unit?: string;
  comparator?: Comparator;
  value: number;
}

export interface AgreementKpi {
  /** the direction KPI's id, or `extra.N` for the applicant's own */
  key: string;
  kpiId: string | null;
  metric: string;
  unit: string;
  comparator: Comparator;
  target: number;
  /** the direction's KPI this target answers (null for an extra one) */
  direction: { comparator: Comparator; value: number; unit: string } | null;
  source: 'commitment' | 'direction';
}

export interface BudgetYear {
  year: number;
  municipalFen: number;
  selfFundingFen: number;
  districtMatchingFen: number;
}

export interface Milestone {
  key: 'midterm' | 'end' | 'materialsDue' | 'acceptanceDue';
  title: ZhEn;
  dueDate: string;
}

export interface AgreementDraftInput {
  grantFen: number;
  firstYearCapFen: number | null;
  period: { start: string; end: string };
  directionKpis: DirectionKpiFacts[];
  commitments: CommitmentFacts[];
  selfFundingFen: number;
  districtMatchingFen: number;
}

export interface AgreementDraft {
  years: number;
  period: { start: string; end: string };
  kpis: AgreementKpi[];
  budget: BudgetYear[];
  milestones: Milestone[];
  tranches: ScheduledTranche[];
  firstYearFen: number;
  /** the template's source (the seed's 政策兑现方式) */
  scheduleSource: string;
}

export type DraftResult =
  { ok: true; draft: AgreementDraft } | { ok: false; field: string; code: string; reason: ZhEn };

/** Whether target `c v` (in `unit`) promises at least the direction's KPI. */
export function meetsDirection(
  t: { comparator: Comparator; target: number; unit: string },
  d: { comparator: Comparator; value: number; unit: string },
): boolean {
  if (!unitsFitting(d.unit).includes(t.unit)) return false;
  const tv = toBase(t.target, t.unit);
  const dv = toBase(d.value, d.unit);
  if ('error' in tv || 'error' in dv) return false;
  return commitmentMeets(t.comparator, tv, d.comparator, dv);
}

export function kpiTargets(direction: DirectionKpiFacts[], commitments: CommitmentFacts[]): AgreementKpi[] {
  const lines: AgreementKpi[] = direction.map((k) => {
    const dir = { comparator: k.comparator, value: k.value, unit: k.unit };
    const c = commitments.find((x) => x.kpiId === k.id);
    const fromCommitment = c && {
      comparator: c.comparator ?? k.comparator,
      target: c.value,
      unit: c.unit?.trim() || k.unit,
    };
    const use = fromCommitment && meetsDirection(fromCommitment, dir) ? fromCommitment : null;
    return {
      key: k.id,
      kpiId: k.id,
      metric: k.metric,
      unit: use?.unit ?? k.unit,
      comparator: use?.comparator ?? k.comparator,
      target: use?.target ?? k.value,
      direction: dir,
      source: use ? 'commitment' : 'direction',
    };
  });
  const known = new Set(direction.map((k) => k.id));
  commitments
    .filter((c) => !c.kpiId || !known.has(c.kpiId))
    .forEach((c, i) =>
      lines.push({
        key: `extra.${i + 1}`,
        kpiId: null,
        metric: c.metric,
        unit: c.unit?.trim() || '项',
        comparator: c.comparator ?? '>=',
        target: c.value,
        direction: null,
        source: 'commitment',
      }),
    );
  return lines;
}

/** `total` in `parts` whole-fen parts, the remainder in the last. */
export function splitEvenly(total: number, parts: number): number[] {
  const each = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => (i === parts - 1 ? total - each * (parts - 1) : each));
}

/** The project year (1-based) a tranche falls in: the award in year 1, mid-term halfway, acceptance last. */
export function trancheYear(trigger: TrancheTrigger, years: number): number {
  if (trigger === 'award') return 1;
  if (trigger === 'midterm') return Math.ceil((years + 1) / 2);
  return years;
}

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function milestonesOf(period: { start: string; end: string }, years: number): Milestone[] {
  const out: Milestone[] = [];
  if (years > 1)
    out.push({
      key: 'midterm',
      title: { zh: '中期检查', en: 'Mid-term review' },
      dueDate: addMonths(period.start, Math.round((years * 12) / 2)),
    });
  out.push(
    { key: 'end', title: { zh: '执行期结束', en: 'End of the execution period' }, dueDate: period.end },
    {
      key: 'materialsDue',
      title: {
        zh: '提交验收材料（执行期结束后 3 个月内）',
        en: 'Acceptance materials (within 3 months after the end)',
      },
      dueDate: addMonths(period.end, 3),
    },
    {
      key: 'acceptanceDue',
      title: {
        zh: '完成验收（执行期结束后 6 个月内）',
        en: 'Acceptance completed (within 6 months after the end)',
      },
      dueDate: addMonths(period.end, 6),
    },
  );
  return out;
}

export function draftAgreement(input: AgreementDraftInput): DraftResult {
  const years = projectYears(input.period.start, input.period.end);
  const schedule = scheduleFor({ grantFen: input.grantFen, years, firstYearCapFen: input.firstYearCapFen });
  if (!schedule.ok) return schedule;
  const n = schedule.years;
  const municipal = Array.from({ length: n }, () => 0);
  for (const t of schedule.tranches) municipal[trancheYear(t.trigger, n) - 1]! += t.amountFen;
  const self = splitEvenly(input.selfFundingFen, n);
  const district = splitEvenly(input.districtMatchingFen, n);
  return {
    ok: true,
    draft: {
      years: n,
      period: input.period,
      kpis: kpiTargets(input.directionKpis, input.commitments),
      budget: municipal.map((m, i) => ({
        year: i + 1,
        municipalFen: m,
        selfFundingFen: self[i]!,
        districtMatchingFen: district[i]!,
      })),
      milestones: milestonesOf(input.period, n),
      tranches: schedule.tranches,
      firstYearFen: schedule.firstYearFen,
      scheduleSource: schedule.source,
    },
  };
}

export interface FieldProblem {
  field: string;
  code: string;
  zh: string;
  en: string;
}

/** A staff change of the draft: every target at least the direction's KPI, each budget source's total kept. */
export function checkAgreementEdit(
  current: { kpis: AgreementKpi[]; budget: BudgetYear[] },
  next: { targets?: Array<{ key: string; target: number }>; budget?: BudgetYear[] },
): FieldProblem[] {
  const out: FieldProblem[] = [];
  (next.targets ?? []).forEach((t, i) => {
    const k = current.kpis.find((x) => x.key === t.key);
    if (!k) {
      out.push({
        field: `targets.${i}.key`,
        code: 'unknown_kpi',
        zh: `任务书没有考核指标 ${t.key}`,
        en: `The agreement has no KPI ${t.key}`,
      });
      return;
    }
    if (
      k.direction &&
      !meetsDirection({ comparator: k.comparator, target: t.target, unit: k.unit }, k.direction)
    )
      out.push({
        field: `targets.${i}.target`,
        code: 'below_direction_kpi',
        zh: `「${k.metric}」目标 ${CMP_SYMBOL[k.comparator]} ${t.target}${k.unit} 低于指南的考核指标 ${CMP_SYMBOL[k.direction.comparator]} ${k.direction.value}${k.direction.unit}`,
        en: `The target for "${k.metric}" (${CMP_SYMBOL[k.comparator]} ${t.target} ${k.unit}) is below the guide's KPI (${CMP_SYMBOL[k.direction.comparator]} ${k.direction.value} ${k.direction.unit})`,
      });
  });
  if (next.budget) {
    if (next.budget.length !== current.budget.length)
      out.push({
        field: 'budget',
        code: 'budget_years',
        zh: `预算须按 ${current.budget.length} 个项目年度填写`,
        en: `The budget needs ${current.budget.length} project years`,
      });
    else
      for (const [src, zh, en] of [
        ['municipalFen', '市级财政资助', 'municipal grant'],
        ['selfFundingFen', '单位自筹', 'self-funding'],
        ['districtMatchingFen', '区级配套', 'district matching'],
      ] as const) {
        const was = current.budget.reduce((s, y) => s + y[src], 0);
        const now = next.budget.reduce((s, y) => s + y[src], 0);
        if (was !== now)
          out.push({
            field: `budget.${src}`,
            code: 'budget_total_changed',
            zh: `${zh}各年度合计 ${showFen(now, 'zh')}，应与立项时的 ${showFen(was, 'zh')} 一致`,
            en: `The ${en} adds up to ${showFen(now, 'en')} over the years; at the award it was ${showFen(was, 'en')}`,
          });
      }
  }
  return out;
}
