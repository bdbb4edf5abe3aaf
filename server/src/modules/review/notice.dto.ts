/** Notice, entry and objection rows → the answers notice.schema.ts describes, with the workflow's actions. */
import type { WorkflowActor } from '../../platform/workflow.js';
import type { EntryRow, NoticeRow, ObjectionRow } from './notice.repo.js';
import { awardListAfterFindings, isProvisional, noticePeriodText, noticeState } from './notice.rules.js';
import type { Notice, NoticeSummary, Objection, PublicNotice } from './notice.schema.js';
import {
  NOTICE,
  NOTICE_STATUS,
  OBJECTION,
  OBJECTION_STATUS,
  type NoticeRef,
  type ObjectionRef,
} from './notice.workflow.js';

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

export const noticeRefOf = (r: NoticeRow, now: Date, undecided: number): NoticeRef => ({
  status: r.status,
  periodOver: now.getTime() > new Date(r.closes_at).getTime(),
  undecided,
});

export const objectionRefOf = (o: ObjectionRow, n: Pick<NoticeRow, 'status'>): ObjectionRef => ({
  status: o.status,
  noticeStatus: n.status,
});

export const findingOf = (o: Pick<ObjectionRow, 'status'>) =>
  o.status === OBJECTION.state.upheld || o.status === OBJECTION.state.rejected ? o.status : undefined;

/** What the public sees: the list as published, and after the award each project's outcome. */
export function publicNoticeDto(
  r: NoticeRow,
  entries: readonly EntryRow[],
  objections: readonly ObjectionRow[],
  now: Date,
): PublicNotice {
  const opensAt = iso(r.opens_at)!;
  const closesAt = iso(r.closes_at)!;
  const period = { startDate: r.start_date, endDate: r.end_date };
  const awarded = r.status === NOTICE.state.awarded;
  return {
    id: r.id,
    callId: r.call_id,
    title: r.title,
    status: r.status,
    statusLabel: { zh: NOTICE_STATUS[r.status].zh, en: NOTICE_STATUS[r.status].en },
    state: noticeState({ opensAt, closesAt }, now),
    period: {
      ...period,
      workingDays: r.working_days,
      opensAt,
      closesAt,
      text: noticePeriodText({ start: r.start_date, end: r.end_date }),
      provisional: isProvisional(r.start_date) || isProvisional(r.end_date),
    },
    publishedAt: iso(r.published_at),
    awardedAt: iso(r.awarded_at),
    entries: entries
      .filter((e) => e.notice_id === r.id)
      .map((e) => ({
        rank: e.rank,
        applicationId: e.application_id,
        projectTitle: e.project_title,
        orgName: e.org_name,
        directionCode: e.direction_code,
        directionTitle: e.direction_title,
        proposedGrantFen: Number(e.proposed_grant_fen),
        outcome: e.outcome,
        // the decision is published with the award: the findings that removed the project
        findings:
          awarded && e.outcome === 'removed'
            ? objections
                .filter((o) => o.application_id === e.application_id && o.status === OBJECTION.state.upheld)
                .map((o) => o.finding_reason ?? '')
            : [],
      })),
  };
}

export function noticeSummaryDto(
  r: NoticeRow,
  entries: readonly EntryRow[],
  counts: { total: number; undecided: number },
  actor: WorkflowActor,
  now: Date,
  objections: readonly ObjectionRow[] = [],
): NoticeSummary {
  const { actions, denials } = NOTICE.available(actor, noticeRefOf(r, now, counts.undecided));
  return {
    ...publicNoticeDto(r, entries, objections, now),
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    version: r.version,
    objectionCount: counts.total,
    undecidedCount: counts.undecided,
    actions,
    denials,
  };
}

/** Contacts in clear: the response schema masks them for anyone but the keepers (OBJECTION_KEEPERS). */
/** An objection's evidence files, by objection. */
export type EvidenceOf = ReadonlyMap<string, Objection['evidence']>;

export function objectionDto(
  o: ObjectionRow,
  n: NoticeRow,
  actor: WorkflowActor,
  evidence: EvidenceOf = new Map(),
): Objection {
  const { actions, denials } = OBJECTION.available(actor, objectionRefOf(o, n));
  return {
    id: o.id,
    noticeId: o.notice_id,
    applicationId: o.application_id,
    objectorName: o.objector_name,
    contactPhone: o.contact_phone,
    contactEmail: o.contact_email,
    organisation: o.organisation,
    statement: o.statement,
    status: o.status,
    statusLabel: { zh: OBJECTION_STATUS[o.status].zh, en: OBJECTION_STATUS[o.status].en },
    findingReason: o.finding_reason,
    decidedBy: o.decided_by,
    decidedAt: iso(o.decided_at),
    signedIn: !!o.submitted_by,
    evidence: evidence.get(o.id) ?? [],
    createdAt: iso(o.created_at)!,
    version: o.version,
    actions,
    denials,
  };
}

export function noticeDto(
  r: NoticeRow,
  entries: readonly EntryRow[],
  objections: readonly ObjectionRow[],
  actor: WorkflowActor,
  now: Date,
  evidence: EvidenceOf = new Map(),
): Notice {
  const undecided = objections.filter((o) => o.status === OBJECTION.state.received).length;
  const ranked = entries.filter((e) => e.notice_id === r.id).map((e) => e.application_id);
  return {
    ...noticeSummaryDto(r, entries, { total: objections.length, undecided }, actor, now, objections),
    objections: objections.map((o) => objectionDto(o, r, actor, evidence)),
    awardList: awardListAfterFindings(
      ranked,
      objections.map((o) => ({ id: o.id, applicationId: o.application_id, finding: findingOf(o) })),
    ),
  };
}
