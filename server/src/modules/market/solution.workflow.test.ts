/** The solution workflow as a table (database-free): judging by the need's enterprise, brokering, the contract. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import { SOLUTION, type SolutionAction, type SolutionStatus } from './solution.workflow.js';

const who = (userId: string, orgId: string, roles: Role[]) => ({ userId, orgId, roles });
const needOwner = who('ent-user', 'ent', ['enterpriseUser']);
const solver = who('researcher', 'uni', ['projectLead']);
const broker = who('broker', 'tto', ['techManager']);
/** a technology manager of the solver's own institution is not a broker of its solution */
const solverOffice = who('office', 'uni', ['techManager']);
const staff = who('staff', 'commission', ['programmeOfficeStaff']);
const stranger = who('ent2-user', 'ent2', ['enterpriseUser']);

const parties = { needOrgId: 'ent', solverOrgId: 'uni', solverUserId: 'researcher' };
type Row = [string, typeof solver, SolutionStatus, SolutionAction, string, string?];
const rows: Row[] = [
  ['the need’s enterprise shortlists', needOwner, 'submitted', 'shortlist', 'allowed'],
  ['the need’s enterprise rejects', needOwner, 'submitted', 'reject', 'allowed'],
  ['a broker cannot judge', broker, 'submitted', 'shortlist', 'forbidden', '只有需求企业可以“入围”'],
  ['another enterprise cannot judge', stranger, 'submitted', 'reject', 'forbidden'],
  ['the solver withdraws', solver, 'submitted', 'withdraw', 'allowed'],
  ['the enterprise cannot withdraw for the solver', needOwner, 'shortlisted', 'withdraw', 'forbidden'],
  ['a broker introduces', broker, 'shortlisted', 'introduce', 'allowed'],
  ['staff introduce', staff, 'shortlisted', 'introduce', 'allowed'],
  ['the solver’s own office is no broker', solverOffice, 'shortlisted', 'introduce', 'forbidden'],
  ['the solver starts negotiating', solver, 'introduced', 'negotiate', 'allowed'],
  ['the solver cannot close', solver, 'introduced', 'close', 'forbidden'],
  ['a broker records the contract', broker, 'negotiating', 'sign', 'allowed'],
  [
    'no contract before negotiating',
    needOwner,
    'introduced',
    'sign',
    'invalid_state',
    '方案处于“已对接引荐”状态',
  ],
  ['a rejected solution is final', needOwner, 'rejected', 'shortlist', 'invalid_state'],
  ['a signed contract is final', broker, 'contractSigned', 'close', 'invalid_state'],
];

describe('solution workflow decisions', () => {
  it.each(rows)('%s', (_name, actor, status, action, expected, text) => {
    const d = SOLUTION.decide(actor, { status, ...parties }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed && text) expect(d.zh).toContain(text);
  });

  it('lists the judging actions for the enterprise and only withdraw for the solver', () => {
    const s = { status: 'submitted' as const, ...parties };
    expect(SOLUTION.available(needOwner, s).actions).toEqual(['shortlist', 'reject']);
    expect(SOLUTION.available(solver, s).actions).toEqual(['withdraw']);
    expect(SOLUTION.available(solver, s).denials.map((d) => d.action)).toEqual(['shortlist', 'reject']);
  });
});
