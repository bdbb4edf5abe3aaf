/**
 * The call lifecycle (申报指南): staff draft a call, publish it (its public page and the application
 * window open) and close it. A published or closed call is no longer edited; an adjustment is a new
 * call. The only place that names a call's states; services use `CALL.state`.
 */
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './calls.permissions.js';
import type { CallStatus } from './call.schema.js';

export const CALL_STATUS = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  // historical calls are imported closed (calls.historical.ts); a call never reopens
  closed: { zh: '已结束', en: 'Closed', terminal: true },
} as const satisfies Record<CallStatus, unknown>;

export interface CallRef {
  status: CallStatus;
}

const MANAGE = 'call.manage';

export const CALL = defineWorkflow<CallRef, WorkflowActor>()({
  name: 'calls.call',
  noun: { zh: '申报指南', en: 'call' },
  states: CALL_STATUS,
  initial: 'draft',
  transitions: [
    {
      action: 'publish',
      from: 'draft',
      to: 'published',
      permission: 'call.publish',
      label: { zh: '发布指南', en: 'Publish call' },
    },
    {
      action: 'close',
      from: 'published',
      to: 'closed',
      permission: MANAGE,
      label: { zh: '结束征集', en: 'Close call' },
    },
    {
      action: 'edit',
      from: 'draft',
      permission: MANAGE,
      label: { zh: '修改指南', en: 'Edit call' },
      stateDenial: {
        zh: '指南已发布或已结束，不能再修改；如需调整请另建新指南',
        en: 'The call has been published or closed and can no longer be edited; create a new call instead',
      },
    },
  ],
});
export type CallAction = (typeof CALL.actionNames)[number];

/** A published or closed call has a public page; a draft never does. */
export const isCallPublic = (status: CallStatus): boolean => status !== CALL.state.draft;

/** Applications are started and submitted only while the call is published (the window decides the rest). */
export const isCallOpenForApplications = (status: CallStatus): boolean => status === CALL.state.published;
