/** The call lifecycle as a table (database-free): who may take which action in which state. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import { CALL, isCallPublic, type CallAction } from './call.workflow.js';
import type { CallStatus } from './call.schema.js';

const who = (roles: Role[]) => ({ userId: 'u', orgId: 'o', roles });
const commission = who(['commissionStaff']);
const office = who(['programmeOfficeStaff']);
const auditor = who(['auditor']);
const lead = who(['projectLead']);

type Row = [string, ReturnType<typeof who>, CallStatus, CallAction, string, string?];
const rows: Row[] = [
  ['the commission publishes a draft', commission, 'draft', 'publish', 'allowed'],
  ['the programme office publishes a draft', office, 'draft', 'publish', 'allowed'],
  ['staff close a published call', office, 'published', 'close', 'allowed'],
  ['staff edit a draft', commission, 'draft', 'edit', 'allowed'],
  ['a draft cannot be closed', commission, 'draft', 'close', 'invalid_state', '申报指南处于“草稿”状态'],
  ['a published call is not published again', commission, 'published', 'publish', 'invalid_state'],
  ['a closed call never reopens', commission, 'closed', 'publish', 'invalid_state'],
  ['a closed call is not closed again', commission, 'closed', 'close', 'invalid_state'],
  // the guide is fixed once published: 如需调整请另建新指南
  ['a published call is not edited', commission, 'published', 'edit', 'invalid_state', '不能再修改'],
  ['a closed call is not edited', commission, 'closed', 'edit', 'invalid_state', '如需调整请另建新指南'],
  [
    'an auditor reads but cannot publish',
    auditor,
    'draft',
    'publish',
    'forbidden',
    '发布申报指南（规则生效）',
  ],
  ['an applicant cannot close', lead, 'published', 'close', 'forbidden'],
  ['an applicant cannot edit', lead, 'draft', 'edit', 'forbidden'],
];

describe('call workflow decisions', () => {
  it.each(rows)('%s', (_name, actor, status, action, expected, text) => {
    const d = CALL.decide(actor, { status }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed) {
      expect(d.en.length).toBeGreaterThan(0);
      if (text) expect(d.zh).toContain(text);
    }
  });

  it('refuses everything to nobody signed in', () => {
    expect(CALL.decide(null, { status: 'draft' }, 'publish')).toMatchObject({
      allowed: false,
      code: 'forbidden',
    });
  });

  it('goes draft → published → closed, nothing else', () => {
    const to = (status: CallStatus, action: CallAction) => CALL.transition({ status }, action)?.to;
    expect(to('draft', 'publish')).toBe('published');
    expect(to('published', 'close')).toBe('closed');
    expect(to('draft', 'close')).toBeUndefined();
    expect(to('closed', 'publish')).toBeUndefined();
    // editing leaves the state as it is
    expect(CALL.transition({ status: 'draft' }, 'edit')).toMatchObject({ action: 'edit' });
    expect(CALL.transition({ status: 'draft' }, 'edit')?.to).toBeUndefined();
    expect(CALL.stateNames).toEqual(['draft', 'published', 'closed']);
  });

  it('gives the UI its actions and the reasons for the others', () => {
    expect(CALL.available(office, { status: 'draft' }).actions).toEqual(['publish', 'edit']);
    expect(CALL.available(office, { status: 'closed' })).toEqual({ actions: [], denials: [] });
    const forLead = CALL.available(lead, { status: 'published' });
    expect(forLead.actions).toEqual([]);
    expect(forLead.denials.map((d) => [d.action, d.code])).toEqual([['close', 'forbidden']]);
  });

  it('only published and closed calls have a public page', () => {
    expect(CALL.stateNames.map(isCallPublic)).toEqual([false, true, true]);
  });
});
