/** Agreement and tranche rows as the API answers them (projects.schema.ts). */
import type { WorkflowActor } from '../../platform/workflow.js';
import { TRIGGER_LABEL, DISBURSEMENT_TEMPLATES } from './disbursement.rules.js';
import type { AgreementRow, TrancheRow } from './projects.repo.js';
import type { Agreement, AgreementSummary, Tranche } from './projects.schema.js';
import { AGREEMENT, AGREEMENT_STATUS, type AgreementRef } from './agreement.workflow.js';
import { TRANCHE, TRANCHE_STATUS, type TrancheRef } from './tranche.workflow.js';

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

export function toAgreement(
  r: AgreementRow,
  tranches: TrancheRow[],
  names: Map<string, string>,
  actor: WorkflowActor | null,
): Agreement {
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
    version: r.version,
    ...AGREEMENT.available(actor, refAgreement(r)),
  };
}
