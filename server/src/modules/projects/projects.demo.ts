/**
 * Demo agreements (任务书) and disbursements of the 2022 call's projects awarded in its imported record
 * (seed 003 表 1-8: 2022 had 11 awarded), outside the demo's public notice, one per direction at each stage: awaiting
 * its agreement, a draft, confirmed by the organisation, signed with its first tranche requested, and
 * signed with the first tranche approved and paid and an extension filed (seed 003 §二 C31). Idempotent: a call with agreements is left as is.
 */
import type { AppContext } from '../../platform/context.js';
import type { Caller } from '../../platform/caller.js';
import { shanghaiDate } from '../../../../shared/time.js';
import { actAgreement, awaitingAgreements, createAgreement, getAgreement } from './agreement.service.js';
import { listAgreements } from './projects.repo.js';
import { actTranche } from './tranche.service.js';
import { fileChange } from './change.service.js';
import { addMonths } from './agreement.rules.js';

export interface ProjectsDemoCallers {
  staff: Caller;
  office: Caller;
  finance: Caller;
  /** the organisation's side of the confirmation */
  orgAdminOf(orgId: string): Caller;
}

export interface ProjectsDemoResult {
  agreements: number;
  awaiting: number;
  paidFen: number;
}

export async function seedProjectsDemo(
  ctx: AppContext,
  callId: string,
  skipApplicationIds: ReadonlySet<string>,
  who: ProjectsDemoCallers,
): Promise<ProjectsDemoResult> {
  const existing = await listAgreements(ctx.db, { callId }, 1, 1);
  const awaiting = (await awaitingAgreements(ctx, who.staff, callId)).items.filter(
    (a) => !skipApplicationIds.has(a.applicationId) && a.grantFen !== null,
  );
  if (existing.total > 0) return { agreements: existing.total, awaiting: awaiting.length, paidFen: 0 };
  // the first stays awaiting its agreement; of the rest, one per direction (so each direction's KPIs
  // show), each a stage further than the one before
  const byDirection = new Map<string, (typeof awaiting)[number]>();
  for (const a of awaiting.slice(1))
    if (!byDirection.has(a.directionCode)) byDirection.set(a.directionCode, a);
  const staged = [
    ...byDirection.values(),
    ...awaiting.slice(1).filter((a) => ![...byDirection.values()].includes(a)),
  ].slice(0, 4);
  let paidFen = 0;
  for (const [i, item] of staged.entries()) {
    const a = await createAgreement(ctx, who.staff, { callId, applicationId: item.applicationId });
    if (i === 0) continue;
    await actAgreement(ctx, who.orgAdminOf(a.orgId), a.id, 'confirmOrg', { version: a.version });
    if (i === 1) continue;
    const signed = await getAgreement(ctx, who.staff, a.id);
    await actAgreement(ctx, who.staff, a.id, 'confirm', { version: signed.version });
    const first = (await getAgreement(ctx, who.staff, a.id)).tranches[0]!;
    await actTranche(ctx, who.office, first.id, 'request', {
      note: '任务书已签订，申请拨付第一年资金（演示）',
    });
    if (i === 2) continue;
    await actTranche(ctx, who.finance, first.id, 'approve', {});
    await actTranche(ctx, who.finance, first.id, 'pay', {
      paidOn: shanghaiDate(who.finance.now),
      paymentRef: '沪财科拨〔2026〕001号（演示）',
    });
    paidFen += first.amountFen;
    // seed 003 §二 C31: a project that moved districts asks for an extension; it waits for the staff
    await fileChange(ctx, who.orgAdminOf(a.orgId), a.id, {
      kind: 'extension',
      reason: '因跨区搬迁，场地落实滞后，导致交易案例完成进度落后，无法按期完成，申请延期（演示）',
      newEndDate: addMonths(a.endDate, 6),
    });
  }
  return { agreements: staged.length, awaiting: awaiting.length - staged.length, paidFen };
}
