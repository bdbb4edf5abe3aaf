/**
 * The notice and objection workflows as tables (database-free): draft → published → closed (after the
 * period) → awarded, only once every objection has a finding (seed 003 §二 B22 ④); an objection is
 * upheld or rejected once, before the award. The award needs review.award (sensitive, staff).
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import {
  NOTICE,
  OBJECTION,
  type NoticeAction,
  type NoticeRef,
  type NoticeStatus,
  type ObjectionAction,
  type ObjectionStatus,
} from './notice.workflow.js';

const who = (userId: string, roles: Role[]) => ({ userId, orgId: 'o', roles });
const staff = who('staff', ['programmeOfficeStaff']);
const commission = who('c', ['commissionStaff']);
const auditor = who('a', ['auditor']);
const lead = who('lead', ['projectLead']);

const notice = (status: NoticeStatus, more: Partial<NoticeRef> = {}): NoticeRef => ({
  status,
  periodOver: false,
  undecided: 0,
  ...more,
});
const over = { periodOver: true };

type Row = [string, typeof staff, NoticeRef, NoticeAction, string, string?];
const rows: Row[] = [
  ['staff publish a draft', staff, notice('draft'), 'publish', 'allowed'],
  [
    'not once its period is over',
    staff,
    notice('draft', over),
    'publish',
    'notice_period_passed',
    '公示期已过',
  ],
  ['not twice', staff, notice('published'), 'publish', 'invalid_state', '已发布'],
  ['an applicant cannot publish', lead, notice('draft'), 'publish', 'forbidden'],
  ['an auditor cannot publish', auditor, notice('draft'), 'publish', 'forbidden'],
  [
    'no close while the period runs',
    staff,
    notice('published'),
    'close',
    'notice_period_running',
    '尚未结束',
  ],
  ['staff close after the period', staff, notice('published', over), 'close', 'allowed'],
  [
    'no award while published',
    commission,
    notice('published', over),
    'award',
    'invalid_state',
    '公示期结束后',
  ],
  [
    'no award with an undecided objection',
    commission,
    notice('closed', { ...over, undecided: 2 }),
    'award',
    'objections_undecided',
    '2 件异议',
  ],
  ['staff award a closed notice with every finding made', staff, notice('closed', over), 'award', 'allowed'],
  ['an applicant cannot award', lead, notice('closed', over), 'award', 'forbidden'],
  ['nothing leaves awarded', staff, notice('awarded', over), 'award', 'invalid_state'],
];

type ORow = [string, typeof staff, ObjectionStatus, NoticeStatus, ObjectionAction, string];
const objectionRows: ORow[] = [
  ['staff uphold while the notice runs', staff, 'received', 'published', 'uphold', 'allowed'],
  ['staff reject after the period', staff, 'received', 'closed', 'reject', 'allowed'],
  ['a finding is final', staff, 'upheld', 'closed', 'reject', 'invalid_state'],
  ['no finding after the award', staff, 'received', 'awarded', 'uphold', 'notice_not_open_for_findings'],
  ['an auditor reads, does not decide', auditor, 'received', 'closed', 'uphold', 'forbidden'],
  ['an applicant cannot decide', lead, 'received', 'closed', 'reject', 'forbidden'],
];

describe('notice workflows', () => {
  it.each(rows)('notice: %s', (_n, actor, ref, action, expected, text) => {
    const d = NOTICE.decide(actor, ref, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed) expect(d.zh.length * d.en.length).toBeGreaterThan(0);
    if (!d.allowed && text) expect(d.zh).toContain(text);
  });
  it.each(objectionRows)('objection: %s', (_n, actor, status, noticeStatus, action, expected) => {
    const d = OBJECTION.decide(actor, { status, noticeStatus }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed) expect(d.zh.length * d.en.length).toBeGreaterThan(0);
  });
  it('offers staff the next step and tells them why not', () => {
    expect(NOTICE.available(staff, notice('draft')).actions).toEqual(['publish']);
    expect(NOTICE.available(staff, notice('closed', { ...over, undecided: 1 }))).toMatchObject({
      actions: [],
      denials: [{ action: 'award', code: 'objections_undecided' }],
    });
    expect(NOTICE.available(staff, notice('closed', over)).actions).toEqual(['award']);
    expect(OBJECTION.available(staff, { status: 'received', noticeStatus: 'published' }).actions).toEqual([
      'uphold',
      'reject',
    ]);
  });
  it('walks draft → published → closed → awarded, and received → upheld | rejected', () => {
    const to = (ref: NoticeRef, a: NoticeAction) => NOTICE.transition(ref, a)?.to;
    expect(to(notice('draft'), 'publish')).toBe('published');
    expect(to(notice('published'), 'close')).toBe('closed');
    expect(to(notice('closed'), 'award')).toBe('awarded');
    expect(NOTICE.transition(notice('closed'), 'award')!.permission).toBe('review.award');
    expect(OBJECTION.transition({ status: 'received', noticeStatus: 'closed' }, 'uphold')?.to).toBe('upheld');
    expect(OBJECTION.transition({ status: 'received', noticeStatus: 'closed' }, 'reject')?.to).toBe(
      'rejected',
    );
  });
});
