/**
 * The lifecycle of a panel session (见面会, issue 12; seed 000 §四 第二轮见面会评审): scheduled with a
 * slot per shortlisted application, the applicants told their slot, and minuted once the panel has sat
 * (a file and a decision per application). The only file that names the states.
 */
import { ALLOW, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './review.permissions.js';

export const PANEL_SESSION_STATUS = {
  scheduled: { zh: '已排期', en: 'Scheduled' },
  notified: { zh: '已通知申报单位', en: 'Applicants notified' },
  minuted: { zh: '已录入会议纪要', en: 'Minutes recorded', terminal: true },
} as const;
export type PanelSessionStatus = keyof typeof PANEL_SESSION_STATUS;

/** What the panel decided for an application that had a slot. */
export const PANEL_DECISIONS = {
  recommended: { zh: '建议立项', en: 'Recommended' },
  notRecommended: { zh: '不建议立项', en: 'Not recommended' },
  absent: { zh: '未到场答辩', en: 'Did not attend' },
} as const;
export type PanelDecision = keyof typeof PANEL_DECISIONS;

export interface PanelSessionRef {
  status: PanelSessionStatus;
  /** the round-2 review's state: minutes come once the panel has sat, i.e. the round is open or closed */
  roundStatus: 'preparing' | 'open' | 'closed';
}

const roundNotClosed = (_: WorkflowActor, s: PanelSessionRef) =>
  s.roundStatus !== 'closed'
    ? ALLOW
    : deny('见面会评审已结束，不能再通知', 'The panel round is closed; applicants cannot be notified now');
const roundStarted = (_: WorkflowActor, s: PanelSessionRef) =>
  s.roundStatus !== 'preparing'
    ? ALLOW
    : deny(
        '见面会评审尚未开始，不能录入会议纪要',
        'The panel round has not started; the minutes cannot be recorded yet',
      );

export const PANEL_SESSION = defineWorkflow<PanelSessionRef, WorkflowActor>()({
  name: 'review.panelSession',
  noun: { zh: '见面会场次', en: 'panel session' },
  states: PANEL_SESSION_STATUS,
  initial: 'scheduled',
  transitions: [
    {
      action: 'notify',
      from: ['scheduled', 'notified'],
      to: 'notified',
      permission: 'review.manage',
      guard: roundNotClosed,
      label: { zh: '通知申报单位答辩时间', en: 'Tell the applicants their slots' },
      stateDenial: { zh: '会议纪要已录入', en: 'The minutes are already recorded' },
    },
    {
      action: 'minutes',
      from: 'notified',
      to: 'minuted',
      permission: 'review.manage',
      guard: roundStarted,
      label: { zh: '录入会议纪要与结论', en: 'Record the minutes and decisions' },
      stateDenial: {
        zh: '请先通知申报单位答辩时间；已录入的纪要不能修改',
        en: 'Notify the applicants first; recorded minutes cannot be changed',
      },
    },
  ],
});
export type PanelSessionAction = (typeof PANEL_SESSION.actionNames)[number];
