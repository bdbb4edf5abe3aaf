/**
 * Change requests of a signed agreement (变更, issue 13; seed 003 §二 C31: a project that moved districts
 * "申请延期，扶持资金尾款于项目建成验收后拨付"; §七 (二) 2: targets of projects over a year reviewed and
 * adjusted yearly). Pure: what a request asks, whether it may be asked, and what it changes.
 *
 * - extension (延期): a new end date after the current one; on approval the end, the materials due
 *   date and the acceptance due date move, and the final tranche waits for the acceptance.
 * - kpiTargets (指标调整): new targets, never below the direction's KPI (as an edit of the draft).
 * - budget (预算调整): the budget by year, each source keeping its total.
 */
import type { ZhEn } from '../../../../shared/i18n.js';
import { ALLOW, deny } from '../../platform/decision.js';
import type { WorkflowActor } from '../../platform/workflow.js';
import { AGREEMENT } from './agreement.workflow.js';
import type { AgreementRow } from './projects.repo.js';
import {
  addMonths,
  checkAgreementEdit,
  type AgreementKpi,
  type BudgetYear,
  type FieldProblem,
  type Milestone,
} from './agreement.rules.js';

export const CHANGE_KINDS = ['extension', 'kpiTargets', 'budget'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABEL: Record<ChangeKind, ZhEn> = {
  extension: { zh: '项目延期', en: 'Extension' },
  kpiTargets: { zh: '考核指标调整', en: 'KPI target adjustment' },
  budget: { zh: '预算调整', en: 'Budget adjustment' },
};

export type ChangePayload =
  | { kind: 'extension'; newEndDate: string }
  | { kind: 'kpiTargets'; targets: Array<{ key: string; target: number }> }
  | { kind: 'budget'; budget: BudgetYear[] };

export interface AgreementFacts {
  endDate: string;
  kpis: AgreementKpi[];
  budget: BudgetYear[];
  milestones: Milestone[];
}

/** Every problem with a request against the agreement as it stands (empty: it may be filed or approved). */
export function checkChange(a: AgreementFacts, p: ChangePayload): FieldProblem[] {
  if (p.kind === 'extension')
    return p.newEndDate > a.endDate
      ? []
      : [
          {
            field: 'newEndDate',
            code: 'not_later',
            zh: `延期后的结束日期须晚于现在的结束日期 ${a.endDate}`,
            en: `The new end date must be after the current end date ${a.endDate}`,
          },
        ];
  if (p.kind === 'kpiTargets') return checkAgreementEdit(a, { targets: p.targets });
  return checkAgreementEdit(a, { budget: p.budget });
}

/** The agreement's fields an approved change sets. */
export function applyChange(
  a: AgreementFacts,
  p: ChangePayload,
): Partial<{
  endDate: string;
  extendedTo: string;
  kpis: AgreementKpi[];
  budget: BudgetYear[];
  milestones: Milestone[];
}> {
  if (p.kind === 'extension') {
    const due: Record<string, string> = {
      end: p.newEndDate,
      materialsDue: addMonths(p.newEndDate, 3),
      acceptanceDue: addMonths(p.newEndDate, 6),
    };
    return {
      endDate: p.newEndDate,
      extendedTo: p.newEndDate,
      milestones: a.milestones.map((m) => (due[m.key] ? { ...m, dueDate: due[m.key]! } : m)),
    };
  }
  if (p.kind === 'kpiTargets') {
    const t = new Map(p.targets.map((x) => [x.key, x.target]));
    return { kpis: a.kpis.map((k) => (t.has(k.key) ? { ...k, target: t.get(k.key)! } : k)) };
  }
  return { budget: [...p.budget].sort((x, y) => x.year - y.year) };
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export const factsOf = (a: AgreementRow): AgreementFacts => ({
  endDate: a.end_date,
  kpis: json<AgreementKpi[]>(a.kpis),
  budget: json<BudgetYear[]>(a.budget),
  milestones: json<Milestone[]>(a.milestones),
});

/** The agreement as it stands, kept before a change (its version row). */
export function snapshotOf(a: AgreementRow) {
  return {
    startDate: a.start_date,
    endDate: a.end_date,
    extendedTo: a.extended_to,
    grantFen: Number(a.grant_fen),
    kpis: json<AgreementKpi[]>(a.kpis),
    budget: json<BudgetYear[]>(a.budget),
    milestones: json<Milestone[]>(a.milestones),
    status: a.status,
  };
}

/** Whether the caller's organisation may file a change on this agreement now (pure). */
export function mayFileChange(actor: WorkflowActor, a: AgreementRow) {
  if (actor.orgId !== a.org_id)
    return deny(
      '只有项目承担单位可以提出变更申请',
      'Only the organisation that carries the project can file a change',
    );
  if (a.status !== AGREEMENT.state.confirmed)
    return deny(
      '任务书签订后方可申请变更',
      'A change can be filed once the agreement is signed',
      'invalid_state',
    );
  if (a.acceptance_passed_at)
    return deny('项目已通过验收，不能再申请变更', 'The project has passed its acceptance', 'invalid_state');
  return ALLOW;
}
