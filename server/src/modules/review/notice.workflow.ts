/**
 * The lifecycles of the public notice (公示) and its objections (异议), issue 12. A notice is drafted by
 * staff, published for its period (seed 000 §五 "向社会公示拟立项项目清单，接受公众异议"), closed once the
 * period is over (by staff, or on the first read after closesAt) and then awarded (立项). An objection
 * is received and, after investigation (核实), upheld (异议成立) or rejected. The only file that names
 * the states; services use `NOTICE.state` / `OBJECTION.state`.
 */
import { ALLOW, defineRefusals, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './review.permissions.js';

export const NOTICE_STATUS = {
  draft: { zh: '待发布', en: 'Draft' },
  published: { zh: '公示中', en: 'Published' },
  closed: { zh: '公示期满', en: 'Notice period over' },
  awarded: { zh: '已立项', en: 'Awarded', terminal: true },
} as const;
export type NoticeStatus = keyof typeof NOTICE_STATUS;

/** What the notice workflow needs to know: its state, whether its period is over, open objections. */
export interface NoticeRef {
  status: NoticeStatus;
  /** the caller's `now` is after closesAt (the end of the last working day, Beijing time) */
  periodOver: boolean;
  /** objections without a finding */
  undecided: number;
}

export const NOTICE_REFUSALS = defineRefusals({
  notice_period_running: 'invalid_state',
  notice_period_passed: 'invalid_state',
  objections_undecided: 'invalid_state',
  notice_not_open_for_findings: 'invalid_state',
});
type NoticeRefusal = (typeof NOTICE_REFUSALS)[keyof typeof NOTICE_REFUSALS];
const R = NOTICE_REFUSALS;

const periodOver = (_: WorkflowActor, n: NoticeRef) =>
  n.periodOver
    ? ALLOW
    : deny(
        '公示期尚未结束，不能结束公示',
        'The notice period has not ended yet; the notice cannot be closed',
        R.notice_period_running,
      );
const periodAhead = (_: WorkflowActor, n: NoticeRef) =>
  n.periodOver
    ? deny(
        '公示期已过，不能再发布；请按新的公示期重新建立公示',
        'The notice period is over; create the notice again with a new period',
        R.notice_period_passed,
      )
    : ALLOW;
const allDecided = (_: WorkflowActor, n: NoticeRef) =>
  n.undecided === 0
    ? ALLOW
    : deny(
        `尚有 ${n.undecided} 件异议未核实办结，不能立项`,
        `${n.undecided} objection(s) still await a finding; the award cannot be decided`,
        R.objections_undecided,
      );

export const NOTICE = defineWorkflow<NoticeRef, WorkflowActor, NoticeRefusal>()({
  name: 'review.notice',
  noun: { zh: '立项公示', en: 'public notice' },
  states: NOTICE_STATUS,
  initial: 'draft',
  transitions: [
    {
      action: 'publish',
      from: 'draft',
      to: 'published',
      permission: 'review.manage',
      guard: periodAhead,
      label: { zh: '发布公示', en: 'Publish the notice' },
      stateDenial: { zh: '公示已发布', en: 'The notice is already published' },
    },
    {
      action: 'close',
      from: 'published',
      to: 'closed',
      permission: 'review.manage',
      guard: periodOver,
      label: { zh: '结束公示', en: 'Close the notice' },
    },
    {
      action: 'award',
      from: 'closed',
      to: 'awarded',
      permission: 'review.award',
      guard: allDecided,
      label: { zh: '确定立项', en: 'Decide the award' },
      stateDenial: {
        zh: '公示期结束后才能确定立项',
        en: 'The award can be decided only after the notice period has ended',
      },
    },
  ],
});
export type NoticeAction = (typeof NOTICE.actionNames)[number];

export const OBJECTION_STATUS = {
  received: { zh: '核实中', en: 'Under investigation' },
  upheld: { zh: '异议成立', en: 'Upheld', terminal: true },
  rejected: { zh: '异议不成立', en: 'Rejected', terminal: true },
} as const;
export type ObjectionStatus = keyof typeof OBJECTION_STATUS;

export interface ObjectionRef {
  status: ObjectionStatus;
  /** the state of the notice it was lodged against */
  noticeStatus: NoticeStatus;
}

const noticeNotAwarded = (_: WorkflowActor, o: ObjectionRef) =>
  o.noticeStatus === 'published' || o.noticeStatus === 'closed'
    ? ALLOW
    : deny(
        '公示已立项，不能再核实异议',
        'The award has been decided; findings can no longer be recorded',
        R.notice_not_open_for_findings,
      );

const decided = {
  zh: '该异议已有核实结论，不能更改',
  en: 'This objection already has a finding; it cannot be changed',
};

export const OBJECTION = defineWorkflow<ObjectionRef, WorkflowActor, NoticeRefusal>()({
  name: 'review.objection',
  noun: { zh: '异议', en: 'objection' },
  states: OBJECTION_STATUS,
  initial: 'received',
  transitions: [
    {
      action: 'uphold',
      from: 'received',
      to: 'upheld',
      permission: 'review.manage',
      guard: noticeNotAwarded,
      label: { zh: '异议成立', en: 'Uphold' },
      stateDenial: decided,
    },
    {
      action: 'reject',
      from: 'received',
      to: 'rejected',
      permission: 'review.manage',
      guard: noticeNotAwarded,
      label: { zh: '异议不成立', en: 'Reject' },
      stateDenial: decided,
    },
  ],
});
export type ObjectionAction = (typeof OBJECTION.actionNames)[number];
