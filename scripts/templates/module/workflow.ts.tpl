/**
 * The __name__ record's lifecycle: its author drafts, edits and submits it; staff approve it or
 * return it with a reason, and a returned record is edited and submitted again. The only file that
 * names the record's states; services and repositories use `__NAME__.state`.
 */
import { ALLOW, defineRefusals, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './__name__.permissions.js';

export const __NAME___STATUS = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交待审核', en: 'Submitted for review' },
  returned: { zh: '已退回修改', en: 'Returned for changes' },
  approved: { zh: '已通过', en: 'Approved', terminal: true },
} as const;
export type __Name__Status = keyof typeof __NAME___STATUS;

/** What a decision needs to know about a record (pure data, no row type). */
export interface __Name__Ref {
  status: __Name__Status;
  orgId: string;
  createdBy: string;
}

/** This module's own refusal codes and the problem each is answered with. */
export const __NAME___REFUSALS = defineRefusals({ self_review: 'forbidden' });

const NOT_AUTHOR = { zh: '只有记录的填写人可以执行此操作', en: 'Only the author of the record can do this' };
const byAuthor = (actor: WorkflowActor, r: __Name__Ref) =>
  actor.userId === r.createdBy ? ALLOW : deny(NOT_AUTHOR.zh, NOT_AUTHOR.en);
const notSelf = (actor: WorkflowActor, r: __Name__Ref) =>
  actor.userId !== r.createdBy
    ? ALLOW
    : deny('不能审核自己填写的记录', 'You cannot review a record you wrote', __NAME___REFUSALS.self_review);

export const __NAME__ = defineWorkflow<__Name__Ref, WorkflowActor, typeof __NAME___REFUSALS.self_review>()({
  name: '__name__.record',
  noun: { zh: '记录', en: 'record' },
  states: __NAME___STATUS,
  initial: 'draft',
  transitions: [
    {
      action: 'edit',
      from: ['draft', 'returned'],
      permission: '__name__.write',
      guard: byAuthor,
      label: { zh: '修改', en: 'Edit' },
      stateDenial: { zh: '记录已提交，不能修改', en: 'The record has been submitted and cannot be edited' },
    },
    {
      action: 'submit',
      from: ['draft', 'returned'],
      to: 'submitted',
      permission: '__name__.write',
      guard: byAuthor,
      label: { zh: '提交审核', en: 'Submit for review' },
    },
    {
      action: 'approve',
      from: 'submitted',
      to: 'approved',
      permission: '__name__.review',
      guard: notSelf,
      label: { zh: '通过', en: 'Approve' },
    },
    {
      action: 'return',
      from: 'submitted',
      to: 'returned',
      permission: '__name__.review',
      guard: notSelf,
      label: { zh: '退回修改', en: 'Return for changes' },
    },
  ],
});
export type __Name__Action = (typeof __NAME__.actionNames)[number];
