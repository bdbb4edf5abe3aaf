/**
 * 申报单位审核 and 推荐部门审核: send for review, approve, return with reasons. Each step asks the
 * workflow table and the policy, and writes the review row and the audit record in one transaction.
 *
 * Approving runs the checklist first (for the district, with the commitment being recorded): when
 * findings fail, the approval needs `overrideReason` (else 422 `failing_findings` listing them); the
 * review row and the audit record keep the reason and the findings. When the organisation approves
 * an application that needs a district recommendation and no district office in the platform can
 * act for it (registered outside Shanghai, no district named, no district officer), the district
 * review is routed to the programme office (`district_route`, shown to applicant and staff).
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError } from '../../platform/errors.js';
import { APPLICATION, type ApplicationAction } from './application.workflow.js';
import {
  findApplication,
  insertReview,
  listReviews,
  updateApplication,
  type ReviewRow,
} from './applications.repo.js';
import { detailDto, loadApplication, refOf, workflowActor, type Loaded } from './application.context.js';
import { readable } from './applications.service.js';
import { notifyRecommended, notifyReturned } from './receipt.notify.js';
import { computeChecklist } from './application.checklist.js';
import { districtOf } from './application.rules.js';
import { districtOfficeRegions } from '../identity/index.js';
import { usccDivisionCode } from '../identity/index.js';
import {
  districtRoute,
  failingFieldErrors,
  failingFindings,
  type DistrictRoute,
  type FailingFinding,
} from './review.rules.js';

function failingRefusal(list: FailingFinding[]) {
  const names = list.map((f) => f.label.zh).join('、');
  return new DomainError('failing_findings', {
    zh: `申报书有${list.length}项审查未通过（${names}）。如仍同意，请填写理由（overrideReason），理由与未通过项将记入审计记录`,
    en: `The application fails ${list.length} check(s) (${list.map((f) => f.label.en).join(', ')}). To approve it anyway, give the reason (overrideReason); it is audited with the failing findings`,
    fields: failingFieldErrors(list),
    params: { count: list.length },
  });
}

/** The district's last recommendation (what a revision replaces, kept in its audit record). */
function lastRecommendation(reviews: ReviewRow[]) {
  const r = reviews.filter((x) => x.stage === 'district' && x.decision === 'approve').at(-1);
  return r
    ? { commitmentFen: r.commitment_fen === null ? null : Number(r.commitment_fen), opinion: r.opinion }
    : null;
}

async function routeFor(ctx: AppContext, l: Loaded): Promise<DistrictRoute | null> {
  const offices = (await districtOfficeRegions(ctx)).map(districtOf).filter((d): d is string => !!d);
  return districtRoute({ region: l.org.region, division: usccDivisionCode(l.org.uscc) }, offices);
}

const reasonRequired = () =>
  new DomainError('validation_failed', {
    fields: [
      {
        field: 'reason',
        code: 'required',
        message: '退回时须填写退回理由',
        messageEn: 'Give the reason for returning it',
      },
    ],
  });

async function step(
  ctx: AppContext,
  caller: Caller,
  l: Loaded,
  action: ApplicationAction,
  review: {
    stage: 'org' | 'district';
    decision: 'approve' | 'return';
    reason?: string;
    commitmentFen?: number;
    opinion?: string;
    overrideReason?: string;
  } | null,
) {
  const { actor } = caller;
  const who = await workflowActor(ctx, caller);
  const what = { action: `application.${action}`, objectType: 'application', objectId: l.app.id };
  await enforce(ctx, caller, APPLICATION.decide(who, refOf(l), action), what);
  let failing: FailingFinding[] = [];
  const approving = action === 'orgApprove' || action === 'districtApprove' || action === 'districtRevise';
  if (approving) {
    const { checklist } = await computeChecklist(ctx, l, {
      ...(review?.stage === 'district' ? { districtCommitmentFen: review.commitmentFen } : {}),
    });
    failing = failingFindings(checklist);
    if (failing.length && !review?.overrideReason?.trim()) throw failingRefusal(failing);
  }
  const route =
    action === 'orgApprove' && l.direction.needsDistrictRecommendation ? await routeFor(ctx, l) : undefined;
  const { overrideReason, ...decision } = review ?? {};
  const override = failing.length ? { overrideReason, failingFindings: failing } : {};
  const now = caller.now;
  await transaction(ctx, async (trx) => {
    const cur = await findApplication(trx, l.app.id, true);
    if (!cur) throw new DomainError('not_found');
    // re-decide on the locked row: someone may have acted in between (audited after the rollback)
    const ref = refOf({ ...l, app: cur });
    await enforce(ctx, caller, APPLICATION.decide(who, ref, action), { ...what, trx });
    // a revision keeps the state (待提交): it replaces the district's recommendation
    const to = APPLICATION.transition(ref, action)!.to ?? cur.status;
    const returning = to === APPLICATION.state.returned;
    const previous = action === 'districtRevise' ? lastRecommendation(await listReviews(trx, cur.id)) : null;
    await updateApplication(trx, cur.id, {
      status: to,
      updated_at: now,
      ...(returning
        ? { return_reason: review?.reason ?? null, returned_by_stage: review?.stage ?? 'org' }
        : {}),
      ...(action === 'sendForReview' ? { return_reason: null, returned_by_stage: null } : {}),
      ...(route !== undefined ? { district_route: route ? JSON.stringify(route) : null } : {}),
    });
    if (review)
      await insertReview(trx, {
        id: randomUUID(),
        application_id: cur.id,
        stage: review.stage,
        decision: review.decision,
        reason: review.reason ?? null,
        commitment_fen: review.commitmentFen ?? null,
        opinion: review.opinion ?? null,
        override_reason: failing.length ? (overrideReason ?? null) : null,
        overridden_findings: failing.length ? JSON.stringify(failing) : null,
        actor_id: actor.userId,
        actor_org_id: actor.orgId,
        at: now,
      });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: `application.${action}`,
      objectType: 'application',
      objectId: cur.id,
      before: { status: cur.status },
      after: { status: to },
      detail: review
        ? {
            ...decision,
            ...override,
            ...(route ? { districtRoute: route } : {}),
            ...(review.stage === 'district' && cur.district_route ? { routedTo: 'programmeOffice' } : {}),
            ...(action === 'districtRevise' ? { revises: previous } : {}),
          }
        : undefined,
    });
    if (returning)
      await notifyReturned(ctx, trx, [cur.lead_user_id, cur.created_by], {
        applicationId: cur.id,
        stage: review?.stage ?? 'org',
        reason: review?.reason ?? '',
      });
    else if (review?.stage === 'district' && review.decision === 'approve')
      await notifyRecommended(ctx, trx, [cur.lead_user_id, cur.created_by], {
        applicationId: cur.id,
        commitmentFen: review.commitmentFen ?? null,
        opinion: review.opinion ?? null,
      });
  });
  return detailDto(ctx, caller, await loadApplication(ctx, caller, l.app.id));
}

export async function sendForReview(ctx: AppContext, caller: Caller, id: string) {
  const l = await readable(ctx, caller, id);
  return step(ctx, caller, l, 'sendForReview', null);
}

export async function orgReview(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: { decision: 'approve' | 'return'; reason?: string; overrideReason?: string },
) {
  const l = await readable(ctx, caller, id);
  if (body.decision === 'return' && !body.reason?.trim()) throw reasonRequired();
  // "return" from approved is the admin taking it back; from orgReview it is the review's return
  return step(ctx, caller, l, body.decision === 'approve' ? 'orgApprove' : 'orgReturn', {
    stage: 'org',
    ...body,
  });
}

const DISTRICT_ACTIONS = {
  approve: 'districtApprove',
  return: 'districtReturn',
  revise: 'districtRevise',
} as const satisfies Record<string, ApplicationAction>;

/**
 * 推荐部门审核: recommend (with the district's commitment) or return; once recommended and until
 * 正式提交, revise its own recommendation (issue 11) — judged against the guide's ratio like the first.
 */
export async function districtReview(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: {
    decision: 'approve' | 'return' | 'revise';
    reason?: string;
    commitmentFen?: number;
    opinion?: string;
    overrideReason?: string;
  },
) {
  const l = await readable(ctx, caller, id);
  if (body.decision === 'return' && !body.reason?.trim()) throw reasonRequired();
  if (body.decision !== 'return' && body.commitmentFen === undefined)
    throw new DomainError('validation_failed', {
      fields: [
        {
          field: 'commitmentFen',
          code: 'required',
          message: '同意推荐时须填写区级承诺投入资金（分）',
          messageEn: 'Give the district funding committed (fen) to recommend it',
        },
      ],
    });
  const action = DISTRICT_ACTIONS[body.decision];
  // a revision is recorded as the district's new recommendation (the last one counts)
  return step(ctx, caller, l, action, {
    stage: 'district',
    ...body,
    decision: body.decision === 'return' ? 'return' : 'approve',
  });
}
