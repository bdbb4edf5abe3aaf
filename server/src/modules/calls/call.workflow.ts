/**
 * The call lifecycle as data (like Hypha's workflow definitions): state → transitions {to, action, roles,
 * label}. Services ask this table; they never hard-code `if (status === …)`.
 */
import type { CallStatus } from './call.schema.js';
import { CallError } from './call.errors.js';

export type CallRole = 'commission' | 'programmeOffice';
export interface CallTransition {
  to: CallStatus;
  action: string;
  roles: readonly CallRole[];
  label: string;
  labelEn: string;
}
export const callTransitions: Record<
  CallStatus,
  { label: string; labelEn: string; public: boolean; transitions: readonly CallTransition[] }
> = {
  draft: {
    label: '草稿',
    labelEn: 'Draft',
    public: false,
    transitions: [
      {
        to: 'published',
        action: 'call.publish',
        roles: ['commission', 'programmeOffice'],
        label: '发布指南',
        labelEn: 'Publish call',
      },
    ],
  },
  published: {
    label: '已发布',
    labelEn: 'Published',
    public: true,
    transitions: [
      {
        to: 'closed',
        action: 'call.close',
        roles: ['commission', 'programmeOffice'],
        label: '结束征集',
        labelEn: 'Close call',
      },
    ],
  },
  closed: { label: '已结束', labelEn: 'Closed', public: true, transitions: [] },
};

/** A published or closed call has a public page; a draft never does. */
export const isCallPublic = (status: CallStatus): boolean => callTransitions[status].public;

/** Returns the transition, or throws CallError('call.transition.notAllowed' | 'call.transition.forbiddenRole'). */
export function assertCallTransition(from: CallStatus, to: CallStatus, role?: CallRole): CallTransition {
  const t = callTransitions[from].transitions.find((x) => x.to === to);
  if (!t)
    throw new CallError(
      'call.transition.notAllowed',
      `指南不能从「${callTransitions[from].label}」变为「${callTransitions[to].label}」`,
      `A call cannot go from ${from} to ${to}`,
      { from, to },
    );
  if (role && !t.roles.includes(role))
    throw new CallError(
      'call.transition.forbiddenRole',
      `当前角色无权执行「${t.label}」`,
      `Role ${role} may not ${t.labelEn.toLowerCase()}`,
      { from, to, role },
    );
  return t;
}
