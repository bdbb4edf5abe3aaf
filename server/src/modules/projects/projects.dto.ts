/** Agreement and tranche rows as the API answers them (projects.schema.ts). */
import type { WorkflowActor } from '../../platform/workflow.js';
import { TRIGGER_LABEL, DISBURSEMENT_TEMPLATES } from './disbursement.rules.js';
import type { AgreementRow, TrancheRow } from './projects.repo.js';
import type { Agreement, AgreementSummary, Tranche } from './projects.schema.js';
import { AGREEMENT, AGREEMENT_STATUS, type AgreementRef } from './agreement.workflow.js';
import { TRANCHE, TRANCHE_STATUS, type TrancheRef } from './tranche.workflow.js';
import { CHANGE, CHANGE_STATUS } from './change.workflow.js';
import { CHANGE_KIND_LABEL, type ChangePayload } from './change.rules.js';
import type { AgreementKpi, BudgetYear } from './agreement.rules.js';
import type { ChangeRow } from './projects.repo.js';
import type { ZhEn } from '../../../../shared/i18n.js';
import { showFen } from '../../../../shared/money.js';

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export const refAgreement = (r: { status: AgreementRef['status']; org_id: string }): AgreementRef => ({
  status: r.status,
  orgId: r.org_id,
});

export const refTranche = (
  t: TrancheRow,
  a: Pick<AgreementRow, 'status' | 'midterm_passed_at' | 'acceptance_passed_at' | 'extended_to'>,
): TrancheRef => ({
  status: t.status,
  trigger: t.trigger,
  requestedBy: t.requested_by,
  agreementSigned: a.status === AGREEMENT.state.confirmed,
  midtermPassed: !!a.midterm_passed_at,
  acceptancePassed: !!a.acceptance_passed_at,
  extended: !!a.extended_to,
});

const paid = (ts: TrancheRow[]) =>
  ts.filter((t) => t.status === TRANCHE.state.paid).reduce((n, t) => n + Number(t.amount_fen), 0);

export function toAgreementSummary(r: AgreementRow, tranches: TrancheRow[]): AgreementSummary {
  const label = AGREEMENT_STATUS[r.status];
  return {
    id: r.id,
    applicationId: r.application_id,
    callId: r.call_id,
    callTitle: r.call_title,
    projectTitle: r.project_title,
    orgId: r.org_id,
    orgName: r.org_name,
    directionCode: r.direction_code,
    directionTitle: r.direction_title,
    startDate: r.start_date,
    endDate: r.end_date,
    years: r.years,
    grantFen: Number(r.grant_fen),
    paidFen: paid(tranches),
    status: r.status,
    statusLabel: { zh: label.zh, en: label.en },
  };
}

export function toTranche(
  t: TrancheRow,
  a: AgreementRow,
  names: Map<string, string>,
  actor: WorkflowActor | null,
): Tranche {
  const label = TRANCHE_STATUS[t.status];
  const tpl = DISBURSEMENT_TEMPLATES.find((x) => x.years === a.years)?.tranches[t.seq - 1];
  return {
    id: t.id,
    seq: t.seq,
    trigger: t.trigger,
    triggerLabel: TRIGGER_LABEL[t.trigger],
    label: tpl?.label ?? TRIGGER_LABEL[t.trigger],
    percent: t.percent,
    amountFen: Number(t.amount_fen),
    status: t.status,
    statusLabel: { zh: label.zh, en: label.en },
    requestedAt: iso(t.requested_at),
    requestedBy: t.requested_by ? (names.get(t.requested_by) ?? null) : null,
    requestNote: t.request_note,
    approvedAt: iso(t.approved_at),
    approvedBy: t.approved_by ? (names.get(t.approved_by) ?? null) : null,
    refuseReason: t.refuse_reason,
    paidOn: t.paid_on,
    paymentRef: t.payment_ref,
    version: t.version,
    ...TRANCHE.available(actor, refTranche(t, a)),
  };
}

/** What a change request asks, in words (the agreement's KPI names for its targets). */
export function changeSummary(p: ChangePayload, kpis: AgreementKpi[]): ZhEn {
  if (p.kind === 'extension')
    return {
      zh: `执行期结束日期延至 ${p.newEndDate}`,
      en: `End of the execution period moved to ${p.newEndDate}`,
    };
  if (p.kind === 'kpiTargets') {
    const line = (t: { key: string; target: number }) => {
      const k = kpis.find((x) => x.key === t.key);
      return {
        zh: `${k?.metric ?? t.key} 目标改为 ${t.target}${k?.unit ?? ''}`,
        en: `${k?.metric ?? t.key}: target ${t.target} ${k?.unit ?? ''}`,
      };
    };
    const ls = p.targets.map(line);
    return { zh: ls.map((l) => l.zh).join('；'), en: ls.map((l) => l.en).join('; ') };
  }
  const ys = p.budget.map((y: BudgetYear) => ({
    zh: `第 ${y.year} 年市级 ${showFen(y.municipalFen, 'zh')}、自筹 ${showFen(y.selfFundingFen, 'zh')}、区级 ${showFen(y.districtMatchingFen, 'zh')}`,
    en: `year ${y.year}: municipal ${showFen(y.municipalFen, 'en')}, self ${showFen(y.selfFundingFen, 'en')}, district ${showFen(y.districtMatchingFen, 'en')}`,
  }));
  return {
    zh: `预算调整为：${ys.map((y) => y.zh).join('；')}`,
    en: `Budget by year: ${ys.map((y) => y.en).join('; ')}`,
  };
}

const CAUSE: Record<string, ZhEn> = {
  edit: { zh: '修改任务书草稿', en: 'Draft edited' },
  ...Object.fromEntries(
    Object.entries(CHANGE_KIND_LABEL).map(([k, l]) => [
      k,
      { zh: `批准变更：${l.zh}`, en: `Change approved: ${l.en}` },
    ]),
  ),
};

export interface AgreementExtras {
  changes: ChangeRow[];
  versions: Array<{
    version: number;
    snapshot: unknown;
    cause: string;
    changed_by: string;
    changed_at: Date | string;
  }>;
  canFileChange: boolean;
}

export function toAgreement(
  r: AgreementRow,
  tranches: TrancheRow[],
  names: Map<string, string>,
  actor: WorkflowActor | null,
  extras: AgreementExtras,
): Agreement {
  const kpis = json<AgreementKpi[]>(r.kpis);
  const confirmation = (by: string | null, at: Date | string | null) =>
    at ? { by: by ? (names.get(by) ?? null) : null, at: iso(at)! } : null;
  return {
    ...toAgreementSummary(r, tranches),
    firstYearFen: Number(r.first_year_fen),
    selfFundingFen: Number(r.self_funding_fen),
    districtMatchingFen: Number(r.district_matching_fen),
    kpis: json(r.kpis),
    budget: json(r.budget),
    milestones: json(r.milestones),
    scheduleSource: r.schedule_source,
    tranches: tranches.map((t) => toTranche(t, r, names, actor)),
    orgConfirmed: confirmation(r.org_confirmed_by, r.org_confirmed_at),
    confirmed: confirmation(r.confirmed_by, r.confirmed_at),
    reopenReason: r.reopen_reason,
    extendedTo: r.extended_to,
    changes: extras.changes.map((c) => {
      const label = CHANGE_STATUS[c.status];
      return {
        id: c.id,
        kind: c.kind,
        kindLabel: CHANGE_KIND_LABEL[c.kind],
        reason: c.reason,
        summary: changeSummary(json<ChangePayload>(c.payload), kpis),
        status: c.status,
        statusLabel: { zh: label.zh, en: label.en },
        requestedBy: names.get(c.requested_by) ?? null,
        requestedAt: iso(c.requested_at)!,
        decidedBy: c.decided_by ? (names.get(c.decided_by) ?? null) : null,
        decidedAt: iso(c.decided_at),
        decisionReason: c.decision_reason,
        version: c.version,
        ...CHANGE.available(actor, { status: c.status, orgId: r.org_id }),
      };
    }),
    history: extras.versions.map((v) => {
      const s = json<{ endDate: string; kpis: AgreementKpi[]; budget: BudgetYear[] }>(v.snapshot);
      return {
        version: v.version,
        cause: CAUSE[v.cause.split(':')[v.cause.startsWith('change:') ? 1 : 0]!] ?? {
          zh: v.cause,
          en: v.cause,
        },
        changedBy: names.get(v.changed_by) ?? null,
        changedAt: iso(v.changed_at)!,
        endDate: s.endDate,
        kpis: s.kpis.map((k) => ({ key: k.key, metric: k.metric, target: k.target, unit: k.unit })),
        budget: s.budget,
      };
    }),
    canFileChange: extras.canFileChange,
    version: r.version,
    ...AGREEMENT.available(actor, refAgreement(r)),
  };
}
