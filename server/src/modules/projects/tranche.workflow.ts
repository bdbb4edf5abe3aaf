/**
 * A tranche's (拨付批次) lifecycle: programme staff raise the payment request (请款报告) once what releases
 * the tranche has happened (the signed agreement, the mid-term review, the acceptance); finance approves
 * or refuses it (not their own request) and records the payment with its date and reference. Seed 003
 * §一.6 (5)/(7): "由市财政局根据市科委请款报告完成资金拨付"; §二 C31: a project under extension holds its
 * final tranche ("扶持资金尾款于项目建成验收后拨付").
 */
import { ALLOW, defineRefusals, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import type { TrancheTrigger } from './disbursement.rules.js';
import { TRIGGER_LABEL } from './disbursement.rules.js';
import './projects.permissions.js';

export const TRANCHE_STATUS = {
  scheduled: { zh: '待请款', en: 'Scheduled' },
  requested: { zh: '已请款待审批', en: 'Requested, awaiting finance' },
  approved: { zh: '已审批待拨付', en: 'Approved, awaiting payment' },
  paid: { zh: '已拨付', en: 'Paid', terminal: true },
} as const;
export type TrancheStatus = keyof typeof TRANCHE_STATUS;

export interface TrancheRef {
  status: TrancheStatus;
  trigger: TrancheTrigger;
  requestedBy: string | null;
  /** what has happened on the project that releases tranches */
  agreementSigned: boolean;
  midtermPassed: boolean;
  acceptancePassed: boolean;
  /** an extension (延期) holds the final tranche until acceptance */
  extended: boolean;
}

export const TRANCHE_REFUSALS = defineRefusals({ not_released: 'invalid_state', self_approval: 'forbidden' });

/** Whether what releases the tranche has happened (pure; the payment request's guard). */
export function released(r: TrancheRef) {
  const wait = (zh: string, en: string) => deny(zh, en, TRANCHE_REFUSALS.not_released);
  if (!r.agreementSigned) return wait('任务书尚未签订，不能请款', 'The agreement is not signed yet');
  if (r.trigger === 'midterm' && !r.midtermPassed)
    return wait(
      `本期款项${TRIGGER_LABEL.midterm.zh}方可请款，项目尚未通过中期检查`,
      'This tranche is released by the mid-term review, which the project has not passed',
    );
  if (r.trigger === 'acceptance' && !r.acceptancePassed)
    return wait(
      r.extended
        ? '项目已延期，尾款于项目验收通过后拨付'
        : `本期款项${TRIGGER_LABEL.acceptance.zh}方可请款，项目尚未通过验收`,
      r.extended
        ? 'The project is extended: its final tranche waits for the acceptance'
        : 'This tranche is released by the acceptance, which the project has not passed',
    );
  return ALLOW;
}

const notOwnRequest = (actor: WorkflowActor, r: TrancheRef) =>
  actor.userId !== r.requestedBy
    ? ALLOW
    : deny(
        '不能审批本人提出的请款报告',
        'You cannot approve a payment you requested',
        TRANCHE_REFUSALS.self_approval,
      );

export const TRANCHE = defineWorkflow<
  TrancheRef,
  WorkflowActor,
  typeof TRANCHE_REFUSALS.not_released | typeof TRANCHE_REFUSALS.self_approval
>()({
  name: 'projects.tranche',
  noun: { zh: '拨付批次', en: 'tranche' },
  states: TRANCHE_STATUS,
  initial: 'scheduled',
  transitions: [
    {
      action: 'request',
      from: 'scheduled',
      to: 'requested',
      permission: 'payment.request',
      guard: (_a, r) => released(r),
      label: { zh: '提出请款', en: 'Request payment' },
    },
    {
      action: 'approve',
      from: 'requested',
      to: 'approved',
      permission: 'payment.approve',
      guard: notOwnRequest,
      label: { zh: '审批通过', en: 'Approve' },
    },
    {
      action: 'refuse',
      from: 'requested',
      to: 'scheduled',
      permission: 'payment.approve',
      guard: notOwnRequest,
      label: { zh: '退回请款', en: 'Refuse' },
    },
    {
      action: 'pay',
      from: 'approved',
      to: 'paid',
      permission: 'payment.record',
      label: { zh: '登记拨付', en: 'Record the payment' },
    },
  ],
});
export type TrancheAction = (typeof TRANCHE.actionNames)[number];
