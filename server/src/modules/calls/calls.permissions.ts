import { registerErrorCodes, type CodeSet } from '../../platform/errors.js';
import { definePermissions, type NameSet } from '../../platform/permissions.js';

/**
 * Permissions of the calls module (the registry's labels; the call workflow, call.workflow.ts, adds
 * the state). `call.read` lets staff see drafts; the public pages need none.
 */
export const CALL_PERMISSIONS = definePermissions({
  'call.read': {
    zh: '查看申报指南（含草稿）',
    en: 'View calls, drafts included',
    roles: ['commissionStaff', 'programmeOfficeStaff', 'auditor', 'systemAdmin'],
  },
  'call.manage': {
    zh: '编写、导入和结束申报指南',
    en: 'Author, import and close calls',
    roles: ['commissionStaff', 'programmeOfficeStaff'],
  },
  'call.publish': {
    zh: '发布申报指南（规则生效）',
    en: 'Publish a call (its rules take effect)',
    roles: ['commissionStaff', 'programmeOfficeStaff'],
    sensitive: true,
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
  unknown_direction: {
    status: 400,
    zh: '指南中没有该申报方向',
    en: 'The call has no such direction',
  },
  invalid_instant: { status: 400, zh: '时间无效', en: 'Invalid instant' },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodeSet<typeof CALL_ERRORS> {}
}
