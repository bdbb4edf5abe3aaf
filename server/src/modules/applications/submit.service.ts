/**
 * The final submit (正式提交): small and atomic. One transaction takes the row lock, draws the next
 * receipt number of the call's year (one sequence shared by every call of that year), stores the screening snapshot, the receipt (with the package and its
 * SHA-256) and the audit record. Submitting again returns the same receipt.
 *
 * Deadline rule: judged on `caller.now`, the server clock when the submit request was received, never the client's clock; the window is [opensAt, closesAt): at 16:29:59.999 +08:00 a
 * submit is accepted, at exactly 16:30:00.000 +08:00 and after it is refused (deadline_passed).
 *
 * Failure: anything other than a domain refusal inside submit (a database fault, a lost connection)
 * rolls the whole transaction back — the application stays 「待提交」 (approved) without a receipt and
 * the year's counter is not advanced — and is answered 503 `submit_failed` saying so and asking for
 * a retry before the deadline (a 5xx answer is not kept under the Idempotency-Key, so the retry runs
 * again). The failed attempt is audited on its own (`application.submit.failed`).
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError } from '../../platform/errors.js';
import { deadlineState, formatShanghai, isCallOpenForApplications } from '../calls/index.js';
import { APPLICATION, SUBMITTED_STATUSES } from './application.workflow.js';
import { receiptNumber, submissionPackage } from './application.rules.js';
import {
  findApplication,
  findReceipt,
  insertReceipt,
  listAttachments,
  nextReceiptSeq,
  updateApplication,
} from './applications.repo.js';
import { insertSnapshot } from './screening.repo.js';
import { receiptDto, refOf, type Loaded } from './application.context.js';
import { readable } from './applications.service.js';
import { computeChecklist } from './application.checklist.js';
import { notifyReceipt } from './receipt.notify.js';
import { shanghaiIso } from '../calls/index.js';

export function deadlinePassed(closesAt: string, receivedAt: Date) {
  const zh = formatShanghai(new Date(closesAt));
  return new DomainError('deadline_passed', {
    zh: `申报已于 ${zh}（北京时间）截止，服务器接收时间为 ${formatShanghai(receivedAt)}，不再接受提交`,
    en: `The application window closed at ${zh} Beijing time (${closesAt}); the server received this at ${receivedAt.toISOString()}`,
    params: { closesAt, receivedAt: receivedAt.toISOString() },
  });
}

async function existingReceipt(ctx: AppContext, l: Loaded) {
  const r = await findReceipt(ctx.db, l.app.id);
  return r ? receiptDto(r, l) : null;
}

/** The answer to a fault inside submit: nothing was stored, the applicant may submit again. */
export function submitFailed(closesAt: string | null, cause: unknown) {
  const by = closesAt ? formatShanghai(new Date(closesAt)) : null;
  return new DomainError('submit_failed', {
    zh: `提交未完成：系统保存时出错，申报书仍为「待提交」状态，尚未生成回执。请在截止前${by ? `（${by} 北京时间）` : ''}重新提交。`,
    en: `The application was not submitted: saving it failed. It is still ready to submit and has no receipt; submit it again before the deadline${by ? ` (${by} Beijing time)` : ''}.`,
    params: { closesAt, retry: true },
    cause,
  });
}

type Submitted = { created: boolean; receipt: ReturnType<typeof receiptDto> };

/** Submits on the caller's receive instant (`caller.now`, the server clock when the request arrived). */
export async function submitApplication(ctx: AppContext, caller: Caller, id: string): Promise<Submitted> {
  const receivedAt = caller.now;
  const l = await readable(ctx, caller, id);
  try {
    return await submitLoaded(ctx, caller, l);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const err = e as { code?: unknown; message?: unknown };
    await auditEvent(ctx.db, {
      actor: auditActor(caller),
      action: 'application.submit.failed',
      objectType: 'application',
      objectId: id,
      result: 'failed',
      detail: {
        receivedAt: receivedAt.toISOString(),
        error: String(err?.code ?? ''),
        message: String(err?.message ?? e).slice(0, 500),
      },
    }).catch(() => undefined);
    throw submitFailed(l.call.window.closesAt, e);
  }
}

async function submitLoaded(ctx: AppContext, caller: Caller, l: Loaded): Promise<Submitted> {
  const { actor } = caller;
  const receivedAt = caller.now;
  const id = l.app.id;
  if (SUBMITTED_STATUSES.includes(l.app.status)) {
    const r = await existingReceipt(ctx, l);
    if (r && actor.orgId === l.app.org_id) return { created: false, receipt: r };
  }
  const state = deadlineState(l.call, receivedAt);
  if (state === 'closed') throw deadlinePassed(l.call.window.closesAt, receivedAt);
  if (!isCallOpenForApplications(l.call.status))
    throw new DomainError('deadline_passed', {
      zh: '该指南已结束征集，不再接受提交',
      en: 'The call has been closed; no more submissions are accepted',
      params: { callStatus: l.call.status },
    });
  if (state === 'notOpen')
    throw new DomainError('window_not_open', {
      zh: `网上填报尚未开始（起始时间 ${formatShanghai(new Date(l.call.window.opensAt))} 北京时间）`,
      en: `The window opens at ${l.call.window.opensAt}`,
    });
  const what = { action: 'application.submit', objectType: 'application', objectId: id };
  await enforce(ctx, caller, APPLICATION.decide(actor, refOf(l), 'submit'), what);
  const { checklist } = await computeChecklist(ctx, l);
  if (checklist.overall !== 'pass') {
    const failing = [
      ...checklist.screening.findings
        .filter((f) => f.severity === 'error' && f.passed !== true)
        .map((f) => ({
          field: Array.isArray(f.field) ? f.field.join(',') : f.field,
          code: f.ruleId,
          message: f.reason.zh,
          messageEn: f.reason.en,
        })),
      ...checklist.content
        .filter((f) => f.passed !== true)
        .map((f) => ({ field: f.field, code: f.id, message: f.reason.zh, messageEn: f.reason.en })),
      ...checklist.fieldErrors,
    ];
    throw new DomainError('application_incomplete', {
      fields: failing,
      params: { overall: checklist.overall },
    });
  }

  // Lock order: the application row, then (late, to keep the serialised part short) the year's
  // receipt_sequences row, then the audit chain head. Both shared locks are held until commit; the
  // audit chain head serialises every audited write anyway, so one counter per year costs no extra
  // waiting when several calls close at the same minute.
  const out = await transaction(ctx, async (trx) => {
    const cur = await findApplication(trx, id, true);
    if (!cur) throw new DomainError('not_found');
    if (cur.status === APPLICATION.state.submitted) return { created: false as const };
    // re-decide on the locked row: someone may have taken it back meanwhile (audited after the rollback)
    await enforce(ctx, caller, APPLICATION.decide(actor, refOf({ ...l, app: cur }), 'submit'), {
      ...what,
      trx,
    });
    const to = APPLICATION.transition(refOf({ ...l, app: cur }), 'submit')!.to!;
    const attachments = await listAttachments(trx, id);
    const { pkg, sha256 } = submissionPackage({
      applicationId: id,
      callId: cur.call_id,
      callNumber: l.call.number,
      directionCode: cur.direction_code,
      orgId: cur.org_id,
      leadUserId: cur.lead_user_id,
      content: cur.content,
      attachments: attachments.map((a) => ({
        type: a.type,
        fileId: a.file_id,
        name: a.name,
        size: Number(a.size),
        sha256: a.sha256,
      })),
    });
    await updateApplication(trx, id, {
      status: to,
      submitted_at: receivedAt,
      updated_at: receivedAt,
    });
    await insertSnapshot(trx, {
      id: randomUUID(),
      application_id: id,
      call_id: cur.call_id,
      source: 'submission',
      run_id: null,
      overall: checklist.screening.overall,
      result: JSON.stringify(checklist.screening),
      created_at: receivedAt,
    });
    const seq = await nextReceiptSeq(trx, l.call.year);
    const number = receiptNumber(l.call.year, seq);
    const row = {
      application_id: id,
      call_id: cur.call_id,
      year: l.call.year,
      seq,
      number,
      submitted_at: receivedAt,
      package_sha256: sha256,
      package: JSON.stringify(pkg),
    };
    await insertReceipt(trx, row);
    const project = (cur.content.project ?? {}) as Record<string, unknown>;
    await notifyReceipt(ctx, trx, [actor.userId, cur.lead_user_id], {
      applicationId: id,
      number,
      submittedAt: shanghaiIso(receivedAt),
      sha256,
      callNumber: l.call.number,
      directionTitle: l.direction.title,
      projectTitle: typeof project.title === 'string' ? project.title : null,
      orgName: l.org.name,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'application.submit',
      objectType: 'application',
      objectId: id,
      before: { status: cur.status },
      after: { status: to, receipt: number, sha256 },
      detail: { receivedAt: receivedAt.toISOString() },
    });
    return { created: true as const, receipt: receiptDto(row, { ...l, app: cur }) };
  });
  const receipt = out.created ? out.receipt : (await existingReceipt(ctx, l))!;
  return { created: out.created, receipt };
}

export async function getReceipt(ctx: AppContext, caller: Caller, id: string) {
  const l = await readable(ctx, caller, id);
  const r = await existingReceipt(ctx, l);
  if (!r)
    throw new DomainError('not_found', {
      zh: '该申报尚未提交，没有回执',
      en: 'Not submitted yet: no receipt',
    });
  return r;
}
