/**
 * A change request's (变更申请) lifecycle: the organisation that carries the project files it on its
 * signed agreement; programme staff approve it (the agreement changes, its earlier version kept) or
 * refuse it, with a reason either way. The only file that names its states.
 */
import { ALLOW, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './projects.permissions.js';

export const CHANGE_STATUS = {
  submitted: { zh: '已提交待审核', en: 'Submitted' },
  approved: { zh: '已批准', en: 'Approved', terminal: true },
  refused: { zh: '未批准', en: 'Refused', terminal: true },
} as const;
export type ChangeStatus = keyof typeof CHANGE_STATUS;

export interface ChangeRef {
  status: ChangeStatus;
  orgId: string;
}

const notOwn = (actor: WorkflowActor, r: ChangeRef) =>
  actor.orgId !== r.orgId
    ? ALLOW
    : deny('不能审核本单位提出的变更申请', "You cannot decide your own organisation's change request");

export const CHANGE = defineWorkflow<ChangeRef>()({
  name: 'projects.change',
  noun: { zh: '变更申请', en: 'change request' },
  states: CHANGE_STATUS,
  initial: 'submitted',
  transitions: [
    {
      action: 'approve',
      from: 'submitted',
      to: 'approved',
      permission: 'agreement.manage',
      guard: notOwn,
      label: { zh: '批准变更', en: 'Approve' },
    },
    {
      action: 'refuse',
      from: 'submitted',
      to: 'refused',
      permission: 'agreement.manage',
      guard: notOwn,
      label: { zh: '不予批准', en: 'Refuse' },
    },
  ],
});
export type ChangeAction = (typeof CHANGE.actionNames)[number];
