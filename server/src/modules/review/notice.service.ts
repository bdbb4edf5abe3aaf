/**
 * The public notice (公示) of a call's proposed award list (issue 12; seed 000 §五): staff draft it from
 * the applications that passed screening, with the period counted in working days of the Chinese
 * calendar (noticePeriod), publish it, and it closes once the period is over — by staff, or on the
 * first read after closesAt. Objections are objection.service.ts, the award award.service.ts.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type AnyCaller, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, validationError, type FieldError } from '../../platform/errors.js';
import { planFactsFor, takePlanForNotice } from './funding-plan.service.js';
import {
  dueNoticeIds,
  entriesOf,
  findNotice,
  insertEntries,
  insertNotice,
  listNotices,
  objectionCounts,
  objectionsOf,
  updateNotice,
  type NoticeRow,
} from './notice.repo.js';
import { CalendarGap, noticePeriod, type NoticePeriod } from './notice.rules.js';
import { noticeDto, noticeRefOf, noticeSummaryDto, publicNoticeDto } from './notice.dto.js';
import type { CreateNoticeBody, Notice, NoticeListQuery, Objection } from './notice.schema.js';
import { filesOfObjects } from '../files/index.js';
import { NOTICE, OBJECTION, type NoticeAction } from './notice.workflow.js';

export const noticeNotFound = () =>
  new DomainError('not_found', { zh: '公示不存在', en: 'No such public notice' });

/** The states the public sees (a draft is staff business). */
const PUBLIC_STATES = [NOTICE.state.published, NOTICE.state.closed, NOTICE.state.awarded] as const;

function periodOf(startDate: string, days: number, errors: FieldError[]): NoticePeriod | null {
  try {
    return noticePeriod(startDate, days);
  } catch (e) {
    if (!(e instanceof CalendarGap)) throw e;
    errors.push(
      fieldError(
        'startDate',
        'calendar_gap',
        `${e.year} 年的国务院节假日安排尚未录入，公示期无法计算到 ${e.year} 年 1 月 19 日以后`,
        `The State Council's ${e.year} holiday notice is not recorded yet; a period cannot be counted past ${e.year}-01-19`,
      ),
    );
    return null;
  }
}

/**
 * Staff draft a notice from the call's consulted funding plan (资助计划): its lines, in order, with their
 * grants, are the snapshot that will be published; the plan goes on notice in the same transaction.
 */
export async function createNotice(ctx: AppContext, caller: Caller, body: CreateNoticeBody): Promise<Notice> {
  const { plan, facts } = await planFactsFor(ctx, caller, body.planId);
  const errors: FieldError[] = [];
  const period = periodOf(body.startDate, body.workingDays, errors);
  if (errors.length || !period) throw validationError(errors);
  const id = randomUUID();
  await transaction(ctx, async (trx) => {
    const lines = await takePlanForNotice(ctx, caller, trx, plan.id, facts, id);
    await insertNotice(trx, {
      id,
      call_id: plan.call_id,
      plan_id: plan.id,
      title: body.title,
      start_date: period.start,
      end_date: period.end,
      working_days: body.workingDays,
      opens_at: period.opensAt,
      closes_at: period.closesAt,
      status: NOTICE.initial[0],
      created_by: caller.actor.userId,
      published_at: null,
      awarded_at: null,
      awarded_by: null,
      created_at: caller.now,
      updated_at: caller.now,
    });
    await insertEntries(
      trx,
      lines.map(({ line, candidate: c }) => ({
        notice_id: id,
        application_id: line.application_id,
        rank: line.rank,
        project_title: c.projectTitle ?? '',
        org_name: c.orgName ?? '',
        direction_code: c.directionCode,
        direction_title: c.directionTitle,
        proposed_grant_fen: Number(line.grant_fen),
        outcome: null,
      })),
    );
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.notice.create',
      objectType: 'review.notice',
      objectId: id,
      after: {
        callId: plan.call_id,
        planId: plan.id,
        status: NOTICE.initial[0],
        period: { start: period.start, end: period.end, workingDays: body.workingDays },
        entries: lines.map(({ line }) => ({
          rank: line.rank,
          applicationId: line.application_id,
          proposedGrantFen: Number(line.grant_fen),
        })),
      },
    });
  });
  return getNotice(ctx, caller, id);
}

/**
 * Closes published notices whose period is over (closed "automatically on read"): each in its own
 * transaction, audited as the reader's request with `automatic: true`. A published notice past its
 * period takes the workflow's `close` transition; nobody decides it, the calendar does.
 */
export async function closeDueNotices(ctx: AppContext, caller: AnyCaller, ids?: readonly string[]) {
  const due = (await dueNoticeIds(ctx.db, caller.now)).filter((id) => !ids || ids.includes(id));
  for (const id of due)
    await transaction(ctx, async (trx) => {
      const r = await findNotice(trx, id, true);
      if (!r) return;
      const ref = noticeRefOf(r, caller.now, 0);
      const t = NOTICE.transition(ref, 'close');
      if (!t || !ref.periodOver) return; // closed meanwhile by staff, or not yet due
      await updateNotice(trx, id, { status: t.to!, updated_at: caller.now, version: r.version + 1 });
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'review.notice.close',
        objectType: 'review.notice',
        objectId: id,
        before: { status: r.status },
        after: { status: t.to },
        detail: { automatic: true, closesAt: new Date(r.closes_at).toISOString() },
      });
    });
}

async function counts(ctx: AppContext, ids: string[]) {
  const rows = await objectionCounts(ctx.db, ids);
  const by = new Map(
    rows.map((r) => [r.notice_id, { total: Number(r.total), undecided: Number(r.undecided) }]),
  );
  return (id: string) => by.get(id) ?? { total: 0, undecided: 0 };
}

export async function listNoticesFor(ctx: AppContext, caller: Caller, q: NoticeListQuery) {
  await closeDueNotices(ctx, caller);
  const rows = await listNotices(ctx.db, { callId: q.callId });
  const entries = await entriesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const countOf = await counts(
    ctx,
    rows.map((r) => r.id),
  );
  const items = [];
  for (const r of rows) {
    const objections = r.status === NOTICE.state.awarded ? await objectionsOf(ctx.db, r.id) : [];
    items.push(noticeSummaryDto(r, entries, countOf(r.id), caller.actor, caller.now, objections));
  }
  return { items };
}

/** Staff's view: the notice with every objection (contacts in clear for the keepers). */
export async function getNotice(ctx: AppContext, caller: Caller, id: string): Promise<Notice> {
  await closeDueNotices(ctx, caller, [id]);
  const r = await findNotice(ctx.db, id);
  if (!r) throw noticeNotFound();
  const objections = await objectionsOf(ctx.db, id);
  const files = await filesOfObjects(
    ctx.db,
    'review.objection',
    objections.map((o) => o.id),
  );
  const evidence = new Map<string, Objection['evidence']>();
  for (const f of files)
    evidence.set(f.object_id!, [
      ...(evidence.get(f.object_id!) ?? []),
      { fileId: f.id, name: f.original_name, size: Number(f.size) },
    ]);
  return noticeDto(r, await entriesOf(ctx.db, [id]), objections, caller.actor, caller.now, evidence);
}

/** A staff step on a notice (publish, close): one transaction, enforced and audited. */
async function noticeStep(ctx: AppContext, caller: Caller, id: string, action: NoticeAction) {
  await transaction(ctx, async (trx) => {
    const r = await findNotice(trx, id, true);
    if (!r) throw noticeNotFound();
    const undecided = (await objectionsOf(trx, id)).filter(
      (o) => o.status === OBJECTION.state.received,
    ).length;
    const ref = noticeRefOf(r, caller.now, undecided);
    await enforce(ctx, caller, NOTICE.decide(caller.actor, ref, action), {
      action: `review.notice.${action}`,
      objectType: 'review.notice',
      objectId: id,
      trx,
    });
    const to = NOTICE.transition(ref, action)!.to!;
    await updateNotice(trx, id, {
      status: to,
      updated_at: caller.now,
      version: r.version + 1,
      ...(action === 'publish' ? { published_at: caller.now } : {}),
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `review.notice.${action}`,
      objectType: 'review.notice',
      objectId: id,
      before: { status: r.status },
      after: { status: to },
    });
  });
  return getNotice(ctx, caller, id);
}

export const publishNotice = (ctx: AppContext, caller: Caller, id: string) =>
  noticeStep(ctx, caller, id, 'publish');
export const closeNotice = (ctx: AppContext, caller: Caller, id: string) =>
  noticeStep(ctx, caller, id, 'close');

/** A published notice as the public sees it (404 for a draft or an unknown id). */
export async function publicNoticeRow(ctx: AppContext, caller: AnyCaller, id: string): Promise<NoticeRow> {
  await closeDueNotices(ctx, caller, [id]);
  const r = await findNotice(ctx.db, id);
  if (!r || !(PUBLIC_STATES as readonly string[]).includes(r.status)) throw noticeNotFound();
  return r;
}

export async function getPublicNotice(ctx: AppContext, caller: AnyCaller, id: string) {
  const r = await publicNoticeRow(ctx, caller, id);
  return publicNoticeDto(r, await entriesOf(ctx.db, [id]), await objectionsOf(ctx.db, id), caller.now);
}

export async function listPublicNotices(ctx: AppContext, caller: AnyCaller) {
  await closeDueNotices(ctx, caller);
  const rows = await listNotices(ctx.db, { statuses: PUBLIC_STATES });
  const entries = await entriesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items = [];
  for (const r of rows) {
    const objections = r.status === NOTICE.state.awarded ? await objectionsOf(ctx.db, r.id) : [];
    items.push(publicNoticeDto(r, entries, objections, caller.now));
  }
  return { items };
}
