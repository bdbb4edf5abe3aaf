/** Who sees a __name__ record, as a table (database-free). */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/roles.js';
import { canSee__Name__ } from './__name__.rules.js';

const who = (orgId: string, roles: Role[]) => ({ userId: `${orgId}-user`, orgId, roles });

const rows: Array<[string, ReturnType<typeof who> | null, boolean]> = [
  ['its organisation sees it', who('org', ['projectLead']), true],
  ['another organisation does not', who('other', ['orgAdmin']), false],
  ['programme office staff see every record', who('commission', ['programmeOfficeStaff']), true],
  ['nobody signed in sees nothing', null, false],
];

describe('who sees a __name__ record', () => {
  it.each(rows)('%s', (_name, actor, expected) => {
    expect(canSee__Name__(actor, { orgId: 'org' })).toBe(expected);
  });
});
