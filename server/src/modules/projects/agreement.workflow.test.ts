/** The agreement's and the tranche's lifecycles as tables (database-free). */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import { workflowProblems } from '../../platform/workflow.js';
import { AGREEMENT, type AgreementAction, type AgreementStatus } from './agreement.workflow.js';
import {
  TRANCHE,
  released,
  type TrancheAction,
  type TrancheRef,
  type TrancheStatus,
} from './tranche.workflow.js';

const who = (userId: string, orgId: string, roles: Role[]) => ({ userId, orgId, roles });
const staff = who('staff', 'commission', ['commissionStaff']);
const office = who('office', 'office', ['programmeOfficeStaff']);
const orgAdmin = who('admin', 'org', ['orgAdmin']);
const otherAdmin = who('admin2', 'other', ['orgAdmin']);
const finance = who('fin', 'finance', ['finance']);
const financeRequester = who('office', 'finance', ['finance', 'programmeOfficeStaff']);

type ARow = [string, ReturnType<typeof who>, AgreementStatus, AgreementAction, string, string?];
const agreementRows: ARow[] = [
  ['staff edit a draft', staff, 'draft', 'edit', 'allowed'],
  ['the organisation confirms its own draft', orgAdmin, 'draft', 'confirmOrg', 'allowed'],
  ["another organisation's admin cannot", otherAdmin, 'draft', 'confirmOrg', 'forbidden', '只有项目承担单位'],
  [
    'the commission cannot confirm before the organisation',
    staff,
    'draft',
    'confirm',
    'invalid_state',
    '须先由承担单位确认',
  ],
  ['the commission confirms after it', staff, 'orgConfirmed', 'confirm', 'allowed'],
  ['programme-office staff cannot sign for the commission', office, 'orgConfirmed', 'confirm', 'forbidden'],
  [
    'an organisation-confirmed agreement is not edited',
    staff,
    'orgConfirmed',
    'edit',
    'invalid_state',
    '须先退回起草',
  ],
  ['staff reopen it', staff, 'orgConfirmed', 'reopen', 'allowed'],
  ['a signed agreement is not reopened', staff, 'confirmed', 'reopen', 'invalid_state'],
];

describe('agreement workflow', () => {
  it.each(agreementRows)('%s', (_n, actor, status, action, expected, text) => {
    const d = AGREEMENT.decide(actor, { status, orgId: 'org' }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed && text) expect(d.zh).toContain(text);
  });
  it('passes the checks every registered workflow passes', () => {
    expect(workflowProblems(AGREEMENT)).toEqual([]);
    expect(workflowProblems(TRANCHE)).toEqual([]);
  });
});

const signed: Omit<TrancheRef, 'status' | 'trigger'> = {
  requestedBy: null,
  agreementSigned: true,
  midtermPassed: false,
  acceptancePassed: false,
  extended: false,
};
type TRow = [
  string,
  ReturnType<typeof who>,
  TrancheStatus,
  TrancheAction,
  Partial<TrancheRef>,
  string,
  string?,
];
const trancheRows: TRow[] = [
  [
    'the first tranche is requested once the agreement is signed',
    office,
    'scheduled',
    'request',
    { trigger: 'award' },
    'allowed',
  ],
  [
    'not before',
    office,
    'scheduled',
    'request',
    { trigger: 'award', agreementSigned: false },
    'not_released',
    '任务书尚未签订',
  ],
  [
    'the mid-term tranche waits for the mid-term review',
    office,
    'scheduled',
    'request',
    { trigger: 'midterm' },
    'not_released',
    '中期检查',
  ],
  [
    'and is released by it',
    office,
    'scheduled',
    'request',
    { trigger: 'midterm', midtermPassed: true },
    'allowed',
  ],
  [
    'the final tranche waits for the acceptance',
    office,
    'scheduled',
    'request',
    { trigger: 'acceptance' },
    'not_released',
    '尚未通过验收',
  ],
  // seed 003 §二 C31: "申请延期，扶持资金尾款于项目建成验收后拨付"
  [
    'an extended project holds its final tranche',
    office,
    'scheduled',
    'request',
    { trigger: 'acceptance', extended: true },
    'not_released',
    '项目已延期',
  ],
  ['finance cannot raise a request', finance, 'scheduled', 'request', { trigger: 'award' }, 'forbidden'],
  [
    'finance approves a request',
    finance,
    'requested',
    'approve',
    { trigger: 'award', requestedBy: 'office' },
    'allowed',
  ],
  [
    'nobody approves their own request',
    financeRequester,
    'requested',
    'approve',
    { trigger: 'award', requestedBy: 'office' },
    'self_approval',
    '本人提出',
  ],
  [
    'staff cannot approve',
    staff,
    'requested',
    'approve',
    { trigger: 'award', requestedBy: 'office' },
    'forbidden',
  ],
  ['finance records an approved payment', finance, 'approved', 'pay', { trigger: 'award' }, 'allowed'],
  ['not an unapproved one', finance, 'requested', 'pay', { trigger: 'award' }, 'invalid_state'],
];

describe('tranche workflow', () => {
  it.each(trancheRows)('%s', (_n, actor, status, action, ref, expected, text) => {
    const d = TRANCHE.decide(actor, { ...signed, status, trigger: 'award', ...ref }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed && text) expect(d.zh).toContain(text);
  });
  it('releases a tranche as a pure rule the page can show before anyone asks', () => {
    expect(
      released({ ...signed, status: 'scheduled', trigger: 'acceptance', acceptancePassed: true }),
    ).toEqual({
      allowed: true,
    });
  });
});
