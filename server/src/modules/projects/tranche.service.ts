/**
 * Payment requests and payments (请款、拨付, issue 13): programme staff request a tranche once what
 * releases it has happened; finance approves or refuses it (never their own request) and records the
 * payment with its value date and voucher number. The ledger sums a call's tranches by state.
 */
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { shanghaiDate } from '../../../../shared/time.js';
import { refTranche } from './projects.dto.js';
import { getAgreement } from './agreement.service.js';
import { listAgreements, lockAgreement, lockTranche, tranchesOf, updateTranche } from './projects.repo.js';
import { canSeeAgreement, seesEveryAgreement } from './projects.rules.js';
import type { Ledger, TrancheActionBody } from './projects.schema.js';
import { TRANCHE, TRANCHE_STATUS, type TrancheAction } from './tranche.workflow.js';

const OBJECT = 'projects.tranche';

export async function actTranche(
  ctx: AppContext,
  caller: Caller,
  id: string,
  action: TrancheAction,
  body: TrancheActionBody,
) {
  const agreementId = await transaction(ctx, async (trx) => {
    const t = await lockTranche(trx, id);
    const a = t && (await lockAgreement(trx, t.agreement_id));
    if (!t || !a || !canSeeAgreement(caller.actor, { orgId: a.org_id })) throw new DomainError('not_found');
    const ref = refTranche(t, a);
    await enforce(ctx, caller, TRANCHE.decide(caller.actor, ref, action), {
      action: `projects.tranche.${action}`,
      objectType: OBJECT,
      objectId: id,
      trx,
    });
    if (body.version !== undefined && body.version !== t.version)
      throw new DomainError('conflict', {
        zh: '该批次已被他人处理，请刷新后重试',
        en: 'The tranche was changed by someone else; reload and try again',
        params: { currentVersion: t.version },
      });
    const set = fieldsOf(action, body, caller, t.approved_at);
    const to = TRANCHE.transition(ref, action)!.to!;
    await updateTranche(trx, id, { ...set, status: to, version: t.version + 1, updated_at: caller.now });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `projects.tranche.${action}`,
      objectType: OBJECT,
      objectId: id,
      before: { status: t.status, version: t.version },
      after: { ...set, status: to, agreementId: a.id, amountFen: Number(t.amount_fen) },
    });
    return a.id;
  });
  return getAgreement(ctx, caller, agreementId);
}

function fieldsOf(
  action: TrancheAction,
  body: TrancheActionBody,
  caller: Caller,
  approvedAt: Date | string | null,
) {
  if (action === 'request')
    return {
      requested_by: caller.actor.userId,
      requested_at: caller.now,
      request_note: body.note || null,
      refuse_reason: null,
    };
  if (action === 'approve') return { approved_by: caller.actor.userId, approved_at: caller.now };
  if (action === 'refuse') {
    if (!body.reason)
      throw validationError([
        fieldError(
          'reason',
          'required',
          '退回请款时请写明原因',
          'Give the reason for refusing the payment request',
        ),
      ]);
    return { refuse_reason: body.reason, requested_by: null, requested_at: null };
  }
  const errors = [];
  const today = shanghaiDate(caller.now);
  if (!body.paidOn)
    errors.push(fieldError('paidOn', 'required', '请填写拨付日期', 'Give the date of the payment'));
  else if (body.paidOn > today)
    errors.push(
      fieldError(
        'paidOn',
        'future',
        `拨付日期 ${body.paidOn} 晚于今天（${today}）`,
        `The payment date ${body.paidOn} is after today (${today})`,
      ),
    );
  else if (approvedAt && body.paidOn < shanghaiDate(new Date(approvedAt)))
    errors.push(
      fieldError(
        'paidOn',
        'before_approval',
        '拨付日期早于请款审批日期',
        'The payment date is before the approval',
      ),
    );
  if (!body.paymentRef)
    errors.push(fieldError('paymentRef', 'required', '请填写拨付凭证号', 'Give the payment voucher number'));
  if (errors.length) throw validationError(errors);
  return {
    paid_on: body.paidOn!,
    payment_ref: body.paymentRef!,
    paid_by: caller.actor.userId,
    paid_at: caller.now,
  };
}

/** The call's disbursement ledger: every agreement's tranches, and the sums by state. */
export async function callLedger(ctx: AppContext, caller: Caller, callId: string): Promise<Ledger> {
  const { items } = await listAgreements(
    ctx.db,
    { callId, orgId: seesEveryAgreement(caller.actor) ? undefined : caller.actor.orgId },
    1,
    10_000,
  );
  const tranches = await tranchesOf(
    ctx.db,
    items.map((a) => a.id),
  );
  const byStatus = { scheduled: 0, requested: 0, approved: 0, paid: 0 };
  for (const t of tranches) byStatus[t.status] += Number(t.amount_fen);
  return {
    callId,
    agreements: items.length,
    grantFen: items.reduce((n, a) => n + Number(a.grant_fen), 0),
    byStatus,
    rows: items.map((a) => {
      const mine = tranches.filter((t) => t.agreement_id === a.id);
      return {
        agreementId: a.id,
        projectTitle: a.project_title,
        orgName: a.org_name,
        grantFen: Number(a.grant_fen),
        paidFen: mine.filter((t) => t.status === 'paid').reduce((n, t) => n + Number(t.amount_fen), 0),
        tranches: mine.map((t) => ({
          seq: t.seq,
          amountFen: Number(t.amount_fen),
          status: t.status,
          statusLabel: { zh: TRANCHE_STATUS[t.status].zh, en: TRANCHE_STATUS[t.status].en },
          paidOn: t.paid_on,
          paymentRef: t.payment_ref,
        })),
      };
    }),
  };
}
