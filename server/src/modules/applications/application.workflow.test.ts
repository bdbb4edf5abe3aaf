/**
 * The application lifecycle as a table (database-free), seed 003 §一.6: the organisation reviews,
 * the district recommends where the direction needs it (or the programme office, when routed),
 * the organisation admin submits.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import {
  APPLICATION,
  isEditableState,
  type ApplicationAction,
  type ApplicationActor,
  type ApplicationRef,
  type ApplicationStatus,
} from './application.workflow.js';
// the award's permission (review.award) is the review module's; registered when its index loads
import '../review/index.js';

const who = (userId: string, orgId: string, roles: Role[], district?: string): ApplicationActor => ({
  userId,
  orgId,
  roles,
  district,
});
const admin = who('admin', 'uni', ['orgAdmin']);
const lead = who('lead', 'uni', ['projectLead']);
const otherLead = who('lead2', 'uni', ['projectLead']);
const otherAdmin = who('admin2', 'uni2', ['orgAdmin']);
const xuhui = who('dx', 'dist-xh', ['districtOfficer'], '徐汇区');
const minhang = who('dm', 'dist-mh', ['districtOfficer'], '闵行区');
const staff = who('s', 'comm', ['programmeOfficeStaff']);
const commission = who('c', 'comm', ['commissionStaff']);

const app = (status: ApplicationStatus, more: Partial<ApplicationRef> = {}): ApplicationRef => ({
  status,
  orgId: 'uni',
  leadUserId: 'lead',
  needsDistrict: true,
  routedToOffice: false,
  district: '徐汇区',
  ...more,
});
const routed = { routedToOffice: true, district: null };

type Row = [string, ApplicationActor, ApplicationRef, ApplicationAction, string, string?];
const rows: Row[] = [
  ['the admin edits a draft', admin, app('draft'), 'edit', 'allowed'],
  ['the project lead edits their own draft', lead, app('returned'), 'edit', 'allowed'],
  ['another project lead cannot', otherLead, app('draft'), 'edit', 'not_lead', '负责人'],
  ['another organisation cannot', otherAdmin, app('draft'), 'edit', 'other_org', '本单位'],
  ['nobody edits it under review', admin, app('orgReview'), 'edit', 'invalid_state', '不能修改'],
  ['nobody edits it once submitted', admin, app('submitted'), 'edit', 'invalid_state', '不能修改'],
  ['the lead sends it for review', lead, app('draft'), 'sendForReview', 'allowed'],
  ['the lead resends a returned one', lead, app('returned'), 'sendForReview', 'allowed'],
  ['another lead cannot send it', otherLead, app('draft'), 'sendForReview', 'not_lead', '负责人'],
  ['staff cannot send it', staff, app('draft'), 'sendForReview', 'forbidden'],
  ['the admin approves at org review', admin, app('orgReview'), 'orgApprove', 'allowed'],
  ['the lead cannot approve', lead, app('orgReview'), 'orgApprove', 'forbidden', '申报单位管理员'],
  ['another org’s admin cannot approve', otherAdmin, app('orgReview'), 'orgApprove', 'other_org'],
  ['the admin returns at org review', admin, app('orgReview'), 'orgReturn', 'allowed'],
  ['the admin takes an approved one back', admin, app('approved'), 'orgReturn', 'allowed'],
  ['no approval of a draft', admin, app('draft'), 'orgApprove', 'invalid_state', '填报中'],
  ['the district officer recommends', xuhui, app('districtReview'), 'districtApprove', 'allowed'],
  ['the district officer returns', xuhui, app('districtReview'), 'districtReturn', 'allowed'],
  ['another district cannot', minhang, app('districtReview'), 'districtApprove', 'other_district', '本区'],
  [
    'staff do not recommend for a district office',
    staff,
    app('districtReview'),
    'districtApprove',
    'forbidden',
    '推荐部门',
  ],
  ['the org admin does not recommend', admin, app('districtReview'), 'districtApprove', 'forbidden'],
  // routed to the programme office: no district office in the platform can act for the applicant
  [
    'routed: the programme office recommends',
    staff,
    app('districtReview', routed),
    'districtApprove',
    'allowed',
  ],
  ['routed: the commission returns', commission, app('districtReview', routed), 'districtReturn', 'allowed'],
  [
    'routed: a district officer no longer can',
    xuhui,
    app('districtReview', routed),
    'districtApprove',
    'forbidden',
    '转由项目管理机构',
  ],
  // issue 11: the district revises its own recommendation (a commitment below the guide's ratio) before submission
  ['the district officer revises the recommendation', xuhui, app('approved'), 'districtRevise', 'allowed'],
  ['another district cannot revise it', minhang, app('approved'), 'districtRevise', 'other_district', '本区'],
  ['the org admin cannot revise it', admin, app('approved'), 'districtRevise', 'forbidden', '推荐部门'],
  ['routed: the programme office revises', staff, app('approved', routed), 'districtRevise', 'allowed'],
  [
    'no revision once submitted',
    xuhui,
    app('submitted'),
    'districtRevise',
    'invalid_state',
    '正式提交前修改推荐意见',
  ],
  [
    'no revision of an application the district never recommended',
    xuhui,
    app('approved', { needsDistrict: false }),
    'districtRevise',
    'invalid_state',
  ],
  ['the admin submits an approved one', admin, app('approved'), 'submit', 'allowed'],
  ['the lead cannot submit', lead, app('approved'), 'submit', 'forbidden', '正式提交'],
  ['another org cannot submit', otherAdmin, app('approved'), 'submit', 'other_org'],
  [
    'submitting before approval is refused by state',
    admin,
    app('draft'),
    'submit',
    'invalid_state',
    '填报中',
  ],
  ['a submitted one is not submitted again', admin, app('submitted'), 'submit', 'invalid_state'],
  ['an awarded one has no transition', admin, app('awarded'), 'orgReturn', 'invalid_state', '已立项'],
];

describe('application workflow decisions', () => {
  it.each(rows)('%s', (_name, actor, ref, action, expected, text) => {
    const d = APPLICATION.decide(actor, ref, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed) {
      expect(d.en.length).toBeGreaterThan(0);
      if (text) expect(d.zh).toContain(text);
    }
  });

  it('org approval goes to the district only when the direction needs it', () => {
    const to = (ref: ApplicationRef) => APPLICATION.transition(ref, 'orgApprove')?.to;
    expect(to(app('orgReview', { needsDistrict: true }))).toBe('districtReview');
    expect(to(app('orgReview', { needsDistrict: false }))).toBe('approved');
  });

  it('goes where the table says', () => {
    const to = (ref: ApplicationRef, action: ApplicationAction) => APPLICATION.transition(ref, action)?.to;
    expect(to(app('draft'), 'sendForReview')).toBe('orgReview');
    expect(to(app('orgReview'), 'orgReturn')).toBe('returned');
    expect(to(app('districtReview'), 'districtApprove')).toBe('approved');
    expect(to(app('districtReview', routed), 'districtReturn')).toBe('returned');
    expect(to(app('approved'), 'submit')).toBe('submitted');
    expect(APPLICATION.transition(app('approved'), 'districtRevise')?.to).toBeUndefined(); // stays 待提交
    expect(APPLICATION.transition(app('draft'), 'edit')?.to).toBeUndefined();
    expect(
      ['draft', 'returned', 'orgReview', 'approved', 'submitted'].map((s) => isEditableState(s as never)),
    ).toEqual([true, true, false, false, false]);
  });

  it('gives the UI its actions and the reasons for the others', () => {
    expect(APPLICATION.available(admin, app('orgReview')).actions).toEqual(['orgApprove', 'orgReturn']);
    expect(APPLICATION.available(admin, app('approved')).actions).toEqual(['submit', 'orgReturn']);
    const forLead = APPLICATION.available(lead, app('approved'));
    expect(forLead.actions).toEqual([]);
    expect(forLead.denials.map((d) => [d.action, d.code])).toEqual([
      ['submit', 'forbidden'],
      ['orgReturn', 'forbidden'],
      ['districtRevise', 'forbidden'], // tells the applicant the district may still revise it
    ]);
    expect(APPLICATION.available(xuhui, app('approved')).actions).toEqual(['districtRevise']);
    // the routed branch replaces the district officer's, it does not add a second button
    expect(APPLICATION.available(staff, app('districtReview', routed)).actions).toEqual([
      'districtApprove',
      'districtReturn',
    ]);
  });

  it('awarded is reached by the award (立项) from submitted, by staff holding review.award; nothing leaves it', () => {
    expect(APPLICATION.states.awarded).toMatchObject({ terminal: true });
    expect(APPLICATION.states.awarded).not.toHaveProperty('reachedBy');
    expect(APPLICATION.from('submitted').map((t) => [t.action, t.to, t.permission])).toEqual([
      ['award', 'awarded', 'review.award'],
    ]);
    expect(APPLICATION.decide(staff, app('submitted'), 'award')).toEqual({ allowed: true });
    expect(APPLICATION.decide(commission, app('submitted'), 'award')).toEqual({ allowed: true });
    expect(APPLICATION.decide(admin, app('submitted'), 'award')).toMatchObject({ code: 'forbidden' });
    expect(APPLICATION.decide(staff, app('approved'), 'award')).toMatchObject({ code: 'invalid_state' });
    expect(APPLICATION.from('awarded')).toEqual([]);
  });
});
