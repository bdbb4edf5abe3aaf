/**
 * The lifecycles of expert review (issue 12): a round is prepared (experts assigned, staff adjust),
 * opened (experts are told and score until the deadline) and closed; an assignment is accepted or
 * declined by its expert, replaced by staff, and submitted with its score sheet. The only file that
 * names the states; services and repositories use `ROUND.state` / `ASSIGNMENT.state`.
 */
import { ALLOW, defineRefusals, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './review.permissions.js';

export const ROUND_STATUS = {
  preparing: { zh: '分配专家中', en: 'Assigning experts' },
  open: { zh: '评审中', en: 'Under review' },
  closed: { zh: '评审结束', en: 'Closed', terminal: true },
} as const;
export type RoundStatus = keyof typeof ROUND_STATUS;
export interface RoundRef {
  status: RoundStatus;
}

export const REVIEW_REFUSALS = defineRefusals({
  not_assigned_expert: 'forbidden',
  round_not_open: 'invalid_state',
});

export const ROUND = defineWorkflow<RoundRef, WorkflowActor>()({
  name: 'review.round',
  noun: { zh: '评审轮次', en: 'review round' },
  states: ROUND_STATUS,
  initial: 'preparing',
  transitions: [
    {
      action: 'assign',
      from: 'preparing',
      permission: 'review.manage',
      label: { zh: '自动分配专家', en: 'Assign experts automatically' },
      stateDenial: {
        zh: '评审已开始，不能重新自动分配；请逐项调整专家',
        en: 'The review has started; change experts one by one instead of re-assigning',
      },
    },
    {
      action: 'change',
      from: ['preparing', 'open'],
      permission: 'review.manage',
      label: { zh: '调整专家', en: 'Change an expert' },
      stateDenial: { zh: '评审已结束，不能调整专家', en: 'The review is closed; experts cannot be changed' },
    },
    {
      action: 'open',
      from: 'preparing',
      to: 'open',
      permission: 'review.manage',
      label: { zh: '开始评审并通知专家', en: 'Open the review and notify experts' },
    },
    {
      action: 'close',
      from: 'open',
      to: 'closed',
      permission: 'review.manage',
      label: { zh: '结束评审', en: 'Close the review' },
    },
  ],
});
export type RoundAction = (typeof ROUND.actionNames)[number];

export const ASSIGNMENT_STATUS = {
  assigned: { zh: '待专家确认', en: 'Awaiting the expert' },
  accepted: { zh: '评审中', en: 'Reviewing' },
  declined: { zh: '专家已谢绝，待更换', en: 'Declined, to be replaced' },
  replaced: { zh: '已更换', en: 'Replaced', terminal: true },
  submitted: { zh: '已提交评分', en: 'Scored', terminal: true },
} as const;
export type AssignmentStatus = keyof typeof ASSIGNMENT_STATUS;

export interface AssignmentRef {
  status: AssignmentStatus;
  expertUserId: string;
  roundStatus: RoundStatus;
}

const NOT_YOURS = { zh: '该评审任务不是分配给您的', en: 'This review is not assigned to you' };
const byExpert = (actor: WorkflowActor, a: AssignmentRef) =>
  actor.userId === a.expertUserId
    ? ALLOW
    : deny(NOT_YOURS.zh, NOT_YOURS.en, REVIEW_REFUSALS.not_assigned_expert);
const roundOpen = (actor: WorkflowActor, a: AssignmentRef) =>
  a.roundStatus === 'open'
    ? byExpert(actor, a)
    : deny('评审尚未开始或已结束', 'The review round is not open', REVIEW_REFUSALS.round_not_open);
const roundNotClosed = (_: WorkflowActor, a: AssignmentRef) =>
  a.roundStatus !== 'closed' ? ALLOW : deny('评审已结束', 'The review round is closed');

export const ASSIGNMENT = defineWorkflow<
  AssignmentRef,
  WorkflowActor,
  (typeof REVIEW_REFUSALS)[keyof typeof REVIEW_REFUSALS] | 'forbidden'
>()({
  name: 'review.assignment',
  noun: { zh: '评审任务', en: 'review assignment' },
  states: ASSIGNMENT_STATUS,
  initial: 'assigned',
  transitions: [
    {
      action: 'accept',
      from: 'assigned',
      to: 'accepted',
      permission: 'review.score',
      guard: roundOpen,
      label: { zh: '接受评审', en: 'Accept' },
    },
    {
      action: 'decline',
      from: ['assigned', 'accepted'],
      to: 'declined',
      permission: 'review.score',
      guard: roundOpen,
      label: { zh: '谢绝（含申报回避）', en: 'Decline (or declare a conflict)' },
    },
    {
      action: 'score',
      from: 'accepted',
      permission: 'review.score',
      guard: roundOpen,
      label: { zh: '保存评分', en: 'Save scores' },
      stateDenial: {
        zh: '请先接受评审任务；已提交的评分不能修改',
        en: 'Accept the task first; a submitted sheet cannot be changed',
      },
    },
    {
      action: 'submit',
      from: 'accepted',
      to: 'submitted',
      permission: 'review.score',
      guard: roundOpen,
      label: { zh: '提交评分', en: 'Submit scores' },
    },
    {
      action: 'replace',
      from: ['assigned', 'accepted', 'declined'],
      to: 'replaced',
      permission: 'review.manage',
      guard: roundNotClosed,
      label: { zh: '更换专家', en: 'Replace the expert' },
    },
  ],
});
export type AssignmentAction = (typeof ASSIGNMENT.actionNames)[number];
