/**
 * Who may see an application and who may start one. What may be done with it (edit, send for
 * review, approve, return, submit) is the application workflow's (application.workflow.ts). Every
 * refusal carries a zh/en reason the UI shows.
 */
import { registerErrorCodes, type CodeSet } from '../../platform/errors.js';
import { ALLOW, deny, type Decision } from '../../platform/decision.js';
import type { Role } from '../../platform/roles.js';
import './applications.permissions.js';
import { APPLICATION_REFUSALS as R } from './applications.refusals.js';
import {
  inDistrict,
  otherOrg,
  ROUTED_STATUSES,
  SENT_TO_DISTRICT,
  SUBMITTED_STATUSES,
  type ApplicationActor,
  type ApplicationRef,
} from './application.workflow.js';

const STAFF: Role[] = ['commissionStaff', 'programmeOfficeStaff'];

/** The module's error codes (status, zh-CN, en), merged into the `ErrorCode` type below. */
export const APPLICATION_ERRORS = registerErrorCodes({
  application_incomplete: {
    status: 422,
    zh: '申报书未通过形式审查或信息不完整，不能提交',
    en: 'The application fails screening or is incomplete and cannot be submitted',
  },
  failing_findings: {
    status: 422,
    zh: '申报书有未通过的审查项，须填写理由确认后方可同意',
    en: 'The application fails some checks; give a reason to approve it anyway',
  },
  window_not_open: { status: 409, zh: '网上填报尚未开始', en: 'The application window has not opened yet' },
  submit_failed: {
    status: 503,
    zh: '提交未完成，申报书仍为待提交状态，请重新提交',
    en: 'The application was not submitted; it is still ready to submit, submit it again',
  },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodeSet<typeof APPLICATION_ERRORS> {}
}

const has = (a: ApplicationActor, r: Role) => a.roles.includes(r);
const isStaff = (a: ApplicationActor) => a.roles.some((r) => STAFF.includes(r) || r === 'auditor');

/** Read access: the organisation's own people; staff once submitted (or routed to them); the district officer of the applicant's district once sent on. */
export function canReadApplication(actor: ApplicationActor, app: ApplicationRef): Decision {
  if (actor.orgId === app.orgId && (has(actor, 'orgAdmin') || has(actor, 'projectLead'))) return ALLOW;
  if (isStaff(actor)) {
    if (SUBMITTED_STATUSES.includes(app.status)) return ALLOW;
    if (app.routedToOffice && ROUTED_STATUSES.includes(app.status)) return ALLOW;
    return deny(
      '申报书尚未正式提交，管理部门暂不可见',
      'Staff see an application only once it has been submitted',
      R.not_submitted,
    );
  }
  if (has(actor, 'districtOfficer')) {
    if (!app.needsDistrict)
      return deny('该方向无需推荐部门审核', 'This direction needs no district recommendation', R.no_district);
    if (!inDistrict(actor, app))
      return deny(
        '只能查看本区单位的申报',
        'You may only see applications from your district',
        R.other_district,
      );
    if (!SENT_TO_DISTRICT.includes(app.status))
      return deny(
        '申报单位尚未报送推荐部门',
        'The organisation has not sent it to the district yet',
        R.not_sent,
      );
    return ALLOW;
  }
  return otherOrg();
}

export function canStart(actor: ApplicationActor): Decision {
  return has(actor, 'orgAdmin')
    ? ALLOW
    : deny('只有单位管理员可以发起申报', 'Only an organisation admin may start an application', 'forbidden');
}
