/** The disclosure workflow as a table (database-free): who may take which action in which state. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import { ACHIEVEMENT, type AchievementAction, type AchievementStatus } from './achievement.workflow.js';

const who = (userId: string, orgId: string, roles: Role[]) => ({ userId, orgId, roles });
const author = who('author', 'uni', ['projectLead']);
const office = who('office', 'uni', ['techManager']);
const admin = who('admin', 'uni', ['orgAdmin']);
const otherOffice = who('other', 'uni2', ['techManager']);
const enterprise = who('ent', 'ent', ['enterpriseUser']);
/** a transfer-office member who wrote the disclosure themselves */
const officeAuthor = who('office', 'uni', ['techManager']);

type Row = [string, typeof author, AchievementStatus, AchievementAction, string, string?];
const rows: Row[] = [
  ['the author submits a draft', author, 'draft', 'submit', 'allowed'],
  ['the author resubmits a returned one', author, 'returned', 'submit', 'allowed'],
  [
    'the office cannot submit for the author',
    office,
    'draft',
    'submit',
    'forbidden',
    '只有成果登记人可以提交',
  ],
  ['nobody submits twice', author, 'submitted', 'submit', 'invalid_state', '成果处于“已提交待审核”状态'],
  ['the office publishes', office, 'submitted', 'publish', 'allowed'],
  ['the org admin keeps it internal', admin, 'submitted', 'keepInternal', 'allowed'],
  ['the office returns it', office, 'submitted', 'return', 'allowed'],
  ['the author cannot publish', author, 'submitted', 'publish', 'forbidden', '转化办公室'],
  [
    'another institution’s office cannot publish',
    otherOffice,
    'submitted',
    'publish',
    'forbidden',
    '转化办公室',
  ],
  ['an enterprise cannot review', enterprise, 'submitted', 'return', 'forbidden'],
  ['a draft cannot be published', office, 'draft', 'publish', 'invalid_state'],
  ['the office withdraws a published one', office, 'published', 'withdraw', 'allowed'],
  ['an internal one can be published', admin, 'internal', 'publish', 'allowed'],
  ['an internal one cannot be withdrawn', admin, 'internal', 'withdraw', 'invalid_state'],
];

describe('achievement workflow decisions', () => {
  it.each(rows)('%s', (_name, actor, status, action, expected, text) => {
    const d = ACHIEVEMENT.decide(actor, { status, ownerOrgId: 'uni', createdBy: 'author' }, action);
    expect(d.allowed ? 'allowed' : d.code).toBe(expected);
    if (!d.allowed) {
      expect(d.en.length).toBeGreaterThan(0);
      if (text) expect(d.zh).toContain(text);
    }
  });

  it('no one reviews a disclosure they wrote (self_review)', () => {
    const d = ACHIEVEMENT.decide(
      officeAuthor,
      { status: 'submitted', ownerOrgId: 'uni', createdBy: 'office' },
      'publish',
    );
    expect(d).toMatchObject({ allowed: false, code: 'self_review' });
  });

  it('gives the UI actions and the reasons for the others', () => {
    const ref = { status: 'submitted' as const, ownerOrgId: 'uni', createdBy: 'author' };
    expect(ACHIEVEMENT.available(office, ref).actions).toEqual(['publish', 'keepInternal', 'return']);
    const forAuthor = ACHIEVEMENT.available(author, ref);
    expect(forAuthor.actions).toEqual([]);
    expect(forAuthor.denials.map((d) => [d.action, d.code])).toEqual([
      ['publish', 'forbidden'],
      ['keepInternal', 'forbidden'],
      ['return', 'forbidden'],
    ]);
  });

  it('goes where the table says', () => {
    const to = (status: AchievementStatus, action: AchievementAction) =>
      ACHIEVEMENT.transition({ status, ownerOrgId: 'uni', createdBy: 'author' }, action)?.to;
    expect(to('draft', 'submit')).toBe('submitted');
    expect(to('submitted', 'return')).toBe('returned');
    expect(to('submitted', 'keepInternal')).toBe('internal');
    expect(to('published', 'withdraw')).toBe('internal');
    expect(to('internal', 'publish')).toBe('published');
  });
});
