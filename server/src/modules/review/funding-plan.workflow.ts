/**
 * The lifecycle of a call's funding plan (资助计划, issue 12): staff draft and revise it from the final
 * ranking, the consultation (会商, seed 003 §一.6(3) "经市财政科技投入统筹联动平台会商，确定拟立项项目清单")
 * settles it, and the public notice is drafted from it. A consulted plan that must change goes back to
 * draft with the reason. The only file that names the states.
 */
import { ALLOW, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './review.permissions.js';

export const FUNDING_PLAN_STATUS = {
  draft: { zh: '编制中', en: 'Draft' },
  consulted: { zh: '已会商', en: 'Consulted' },
  noticed: { zh: '已公示', en: 'On public notice', terminal: true },
} as const;
export type FundingPlanStatus = keyof typeof FUNDING_PLAN_STATUS;

export interface FundingPlanRef {
  status: FundingPlanStatus;
  /** the plan's lines */
  lines: number;
}

const hasLines = (_: WorkflowActor, p: FundingPlanRef) =>
  p.lines > 0
    ? ALLOW
    : deny('资助计划没有列入任何项目，不能会商', 'The plan lists no project; it cannot be consulted on');

export const FUNDING_PLAN = defineWorkflow<FundingPlanRef, WorkflowActor>()({
  name: 'review.fundingPlan',
  noun: { zh: '资助计划', en: 'funding plan' },
  states: FUNDING_PLAN_STATUS,
  initial: 'draft',
  transitions: [
    {
      action: 'revise',
      from: 'draft',
      permission: 'review.manage',
      label: { zh: '修改资助计划', en: 'Revise the plan' },
      stateDenial: {
        zh: '资助计划已会商，请先退回修改',
        en: 'The plan is consulted on; reopen it to change it',
      },
    },
    {
      action: 'consult',
      from: 'draft',
      to: 'consulted',
      permission: 'review.manage',
      guard: hasLines,
      label: { zh: '录入会商结果', en: 'Record the consultation' },
      stateDenial: { zh: '资助计划已会商', en: 'The plan is already consulted on' },
    },
    {
      action: 'reopen',
      from: 'consulted',
      to: 'draft',
      permission: 'review.manage',
      label: { zh: '退回修改', en: 'Reopen for changes' },
      stateDenial: {
        zh: '只有已会商、尚未公示的计划可以退回',
        en: 'Only a consulted plan that is not on notice can be reopened',
      },
    },
    {
      action: 'notice',
      from: 'consulted',
      to: 'noticed',
      permission: 'review.manage',
      label: { zh: '据此起草立项公示', en: 'Draft the public notice from it' },
      stateDenial: {
        zh: '资助计划须先会商，且只能公示一次',
        en: 'The plan must be consulted on first, and goes on notice once',
      },
    },
  ],
});
export type FundingPlanAction = (typeof FUNDING_PLAN.actionNames)[number];
