/** The __name__ record's lifecycle as a table (database-free): who may take which action in which state. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import { workflowProblems } from '../../platform/workflow.js';
import { __NAME__, type __Name__Action, type __Name__Status } from './__name__.workflow.js';

const who = (userId: string, orgId: string, roles: Role[]) => ({ userId, orgId, roles });
const author = who('author', 'org', ['projectLead']);
const colleague = who('colleague', 'org', ['projectLead']);
const staff = who('staff', 'commission', ['commissionStaff']);
/** a staff member who wrote the record themselves */
const staffAuthor = who('author', 'commission', ['commissionStaff', 'projectLead']);
const record = { orgId: 'org', createdBy: 'author' };

type Row = [string, ReturnType<typeof who> | null, __Name__Status, __Name__Action, string, string?];
const rows: Row[] = [
  ['the author edits a draft', author, 'draft', 'edit', 'allowed'],
  ['the author submits a draft', author, 'draft', 'submit', 'allowed'],
  ['the author resubmits a returned record', author, 'returned', 'submit', 'allowed'],
  ['a colleague cannot submit it', colleague, 'draft', 'submit', 'forbidden', '只有记录的填写人'],
  ['nobody submits twice', author, 'submitted', 'submit', 'invalid_state', '记录处于“已提交待审核”状态'],
  ['a submitted record is not edited', author, 'submitted', 'edit', 'invalid_state', '记录已提交'],
  ['staff approve', staff, 'submitted', 'approve', 'allowed'],
  ['staff return', staff, 'submitted', 'return', 'allowed'],
  ['the author cannot approve', author, 'submitted', 'approve', 'forbidden', '审核__name__记录'],
  ['no one reviews their own record', staffAuthor, 'submitted', 'approve', 'self_review', '自己填写'],
  ['an approved record stays approved', staff, 'approved', 'return', 'invalid_state'],
  ['nobody signed in does nothing', null, 'draft', 'edit', 'forbidden'],
];

describe('__name__ workflow decisions', () => {
  it.each(rows)('%s', (_name, actor, status, action, expected, text) => {
    const d = __NAME__.decide(actor, { status, ...record }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed && text) expect(d.zh).toContain(text);
  });

  it('offers the author edit and submit on a draft, and staff approve and return on a submitted record', () => {
    expect(__NAME__.available(author, { status: 'draft', ...record }).actions).toEqual(['edit', 'submit']);
    const forStaff = __NAME__.available(staff, { status: 'submitted', ...record });
    expect(forStaff.actions).toEqual(['approve', 'return']);
    expect(__NAME__.available(author, { status: 'submitted', ...record }).denials.map((d) => d.action)).toEqual([
      'approve',
      'return',
    ]);
  });

  it('passes the checks every registered workflow passes', () => {
    expect(workflowProblems(__NAME__)).toEqual([]);
  });
});
