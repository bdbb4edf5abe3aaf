/**
 * The award (立项) after the public notice (issue 12): once the period is over and every objection has
 * a finding, the list after the findings (awardListAfterFindings; seed 003 §二 B22 ④ "对公示期间有异议、
 * 且经核实异议成立的项目，不予立项") is applied — the applications module moves each awarded application
 * to `awarded` through its workflow; a project with an upheld objection is removed — all in one
 * transaction with the audit records and the mails to the applicants.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DB } from '../../platform/db-types.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { applicantRecipients, awardApplications } from '../applications/index.js';
import { showFen } from '../../../../shared/money.js';
import {
  entriesOf,
  findNotice,
  objectionsOf,
  setEntryOutcome,
  updateNotice,
  type EntryRow,
  type NoticeRow,
  type ObjectionRow,
} from './notice.repo.js';
import { awardListAfterFindings } from './notice.rules.js';
import { findingOf, noticeRefOf } from './notice.dto.js';
import type { Notice } from './notice.schema.js';
import { getNotice, noticeNotFound } from './notice.service.js';
import { NOTICE, OBJECTION } from './notice.workflow.js';

export async function awardNotice(ctx: AppContext, caller: Caller, id: string): Promise<Notice> {
  await transaction(ctx, async (trx) => {
    let n = await findNotice(trx, id, true);
    if (!n) throw noticeNotFound();
    const objections = await objectionsOf(trx, id);
    const undecided = objections.filter((o) => o.status === OBJECTION.state.received).length;
    // a published notice past its period closes first (as it would on any read), then is awarded
    const open = noticeRefOf(n, caller.now, undecided);
    const close = NOTICE.transition(open, 'close');
    if (close && open.periodOver) {
      await updateNotice(trx, id, { status: close.to!, updated_at: caller.now, version: n.version + 1 });
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'review.notice.close',
        objectType: 'review.notice',
        objectId: id,
        before: { status: n.status },
        after: { status: close.to },
        detail: { automatic: true, closesAt: new Date(n.closes_at).toISOString() },
      });
      n = (await findNotice(trx, id, true))!;
    }
    const ref = noticeRefOf(n, caller.now, undecided);
    await enforce(ctx, caller, NOTICE.decide(caller.actor, ref, 'award'), {
      action: 'review.notice.award',
      objectType: 'review.notice',
      objectId: id,
      trx,
    });
    const entries = await entriesOf(trx, [id]);
    const list = awardListAfterFindings(
      entries.map((e) => e.application_id),
      objections.map((o) => ({ id: o.id, applicationId: o.application_id, finding: findingOf(o) })),
    );
    const moved = await awardApplications(ctx, trx, caller, list.awarded);
    const removed = list.removed.map((r) => r.applicationId);
    await setEntryOutcome(trx, id, list.awarded, 'awarded');
    await setEntryOutcome(trx, id, removed, 'removed');
    const to = NOTICE.transition(ref, 'award')!.to!;
    await updateNotice(trx, id, {
      status: to,
      awarded_at: caller.now,
      awarded_by: caller.actor.userId,
      updated_at: caller.now,
      version: n.version + 1,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.notice.award',
      objectType: 'review.notice',
      objectId: id,
      before: { status: n.status },
      after: { status: to, awarded: list.awarded, removed: list.removed },
    });
    for (const m of moved)
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'application.award',
        objectType: 'application',
        objectId: m.applicationId,
        before: { status: m.before },
        after: { status: m.after },
        detail: { noticeId: id },
      });
    for (const r of list.removed)
      await appendAudit(trx, {
        actor: auditActor(caller),
        action: 'review.application.remove',
        objectType: 'application',
        objectId: r.applicationId,
        detail: { noticeId: id, upheldObjections: r.objectionIds },
      });
    await notifyResults(ctx, trx, n, entries, objections, list.awarded, removed);
  });
  return getNotice(ctx, caller, id);
}

/** Each applicant is told the result by mail and in-app, in Chinese and English. */
async function notifyResults(
  ctx: AppContext,
  trx: Kysely<DB>,
  n: NoticeRow,
  entries: readonly EntryRow[],
  objections: readonly ObjectionRow[],
  awarded: readonly string[],
  removed: readonly string[],
) {
  if (!ctx.notify) return;
  const recipients = await applicantRecipients(trx, [...awarded, ...removed]);
  const entry = (id: string) => entries.find((e) => e.application_id === id)!;
  for (const id of awarded) {
    const e = entry(id);
    const fen = Number(e.proposed_grant_fen);
    const grant = { zh: showFen(fen, 'zh'), en: showFen(fen, 'en') };
    await ctx.notify.notify(trx, recipients.get(id) ?? [], {
      kind: 'application.awarded',
      titleZh: `项目已立项：${e.project_title}`,
      titleEn: `Your project is awarded: ${e.project_title}`,
      body: [
        `${e.org_name}：经专家评审和社会公示（${n.start_date} 至 ${n.end_date}），您单位申报的项目「${e.project_title}」已立项。`,
        `方向：${e.direction_title}；拟资助金额：${grant.zh}`,
      ].join('\n'),
      bodyEn: [
        `${e.org_name}: after expert review and the public notice (${n.start_date} to ${n.end_date}), your project “${e.project_title}” is awarded.`,
        `Direction: ${e.direction_title}; proposed grant: ${grant.en}`,
      ].join('\n'),
      link: `/applications/${id}`,
      email: true,
    });
  }
  for (const id of removed) {
    const e = entry(id);
    const reasons = objections
      .filter((o) => o.application_id === id && o.status === OBJECTION.state.upheld)
      .map((o) => o.finding_reason ?? '');
    await ctx.notify.notify(trx, recipients.get(id) ?? [], {
      kind: 'application.notAwarded',
      titleZh: `项目未予立项：${e.project_title}`,
      titleEn: `Your project is not awarded: ${e.project_title}`,
      body: [
        `${e.org_name}：您单位申报的项目「${e.project_title}」在公示期间（${n.start_date} 至 ${n.end_date}）收到异议，经核实异议成立，根据规定不予立项。`,
        `核实结论：${reasons.join('；')}`,
      ].join('\n'),
      bodyEn: [
        `${e.org_name}: an objection to your project “${e.project_title}” during the public notice (${n.start_date} to ${n.end_date}) was upheld after investigation, so the project is not awarded.`,
        `Finding: ${reasons.join('; ')}`,
      ].join('\n'),
      link: `/applications/${id}`,
      email: true,
    });
  }
}
