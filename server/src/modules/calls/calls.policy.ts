/**
 * Who may do what with a call. Route permissions (`call.read`, `call.manage`) gate the role; the
 * workflow table (callTransitions) says which role may move a call from one state to the next.
 */
import { registerErrorCodes, type CodeSet } from '../../platform/errors.js';
import { ALLOW, definePermissions, deny, type Decision, type NameSet } from '../../platform/permissions.js';
import type { Actor, Role } from '../../platform/roles.js';
import { callTransitions, type CallRole } from './call.rules.js';
import type { CallStatus } from './call.schema.js';

export const CALL_STAFF: readonly Role[] = ['commissionStaff', 'programmeOfficeStaff'];

export const CALL_PERMISSIONS = definePermissions({
  'call.read': {
    zh: '查看申报指南（含草稿）',
    en: 'View calls, drafts included',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'auditor', 'systemAdmin'],
  },
  'call.manage': {
    zh: '编写、导入、发布和结束申报指南',
    en: 'Author, import, publish and close calls',
    roles: ['commissionStaff', 'programmeOfficeStaff'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof CALL_PERMISSIONS> {}
}

/** The module's error codes (status, zh-CN, en), merged into the `ErrorCode` type below. */
export const CALL_ERRORS = registerErrorCodes({
  call_incomplete: {
    status: 400,
    zh: '申报指南内容不完整，不能发布',
    en: 'The call is incomplete and cannot be published',
  },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodeSet<typeof CALL_ERRORS> {}
}

/** The workflow role an actor plays for calls (commission staff first). */
export function callRoleOf(actor: Pick<Actor, 'roles'>): CallRole | undefined {
  if (actor.roles.includes('commissionStaff')) return 'commission';
  if (actor.roles.includes('programmeOfficeStaff')) return 'programmeOffice';
  return undefined;
}

export function canEditCall(status: CallStatus): Decision {
  if (status === 'draft') return ALLOW;
  return deny(
    `指南已${callTransitions[status].label}，不能再修改；如需调整请另建新指南`,
    `The call is ${status} and can no longer be edited`,
    'call_not_draft',
  );
}

export function canTransition(actor: Pick<Actor, 'roles'>, from: CallStatus, to: CallStatus): Decision {
  const t = callTransitions[from].transitions.find((x) => x.to === to);
  if (!t)
    return deny(
      `指南不能从「${callTransitions[from].label}」变为「${callTransitions[to].label}」`,
      `A call cannot go from ${from} to ${to}`,
      'invalid_state',
    );
  const role = callRoleOf(actor);
  if (!role || !t.roles.includes(role))
    return deny(
      `当前角色无权执行「${t.label}」`,
      `Your role may not ${t.labelEn.toLowerCase()}`,
      'forbidden',
    );
  return ALLOW;
}
