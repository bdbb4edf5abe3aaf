/** The funding plan as Word (资助计划, issue 12), for the consultation and the file; each download audited. */
import type { AppContext } from '../../platform/context.js';
import { auditEvent } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { beijingTimeText } from '../../../../shared/time.js';
import { renderDocx } from '../applications/index.js';
import { fundingPlanPaper } from './funding-plan-paper.rules.js';
import { getPlan } from './funding-plan.service.js';

export async function fundingPlanDocx(ctx: AppContext, caller: Caller, id: string) {
  const plan = await getPlan(ctx, caller, id);
  const buffer = await renderDocx(fundingPlanPaper(plan, beijingTimeText(caller.now)));
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'review.fundingPlan.export',
    objectType: 'review.fundingPlan',
    objectId: id,
    detail: { lines: plan.lines.length, totalGrantFen: plan.totalGrantFen, status: plan.status },
  });
  return { buffer, filename: `资助计划-${plan.callName}-v${plan.version}.docx` };
}
