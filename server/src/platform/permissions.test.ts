import { describe, expect, it } from 'vitest';
import '../app.js';
import {
  PERMISSION_NAME,
  actorHas,
  allPermissions,
  definePermissions,
  permissionDef,
  type PermissionName,
} from './permissions.js';

/**
 * Permission names are typed constants with one naming scheme (issue 9: "One naming scheme for
 * permissions (today `application.read` beside `market.achievement.write`)"): `resource.action`.
 */
describe('permission names', () => {
  it('every registered name is resource.action, with exactly one dot', () => {
    const names = allPermissions().map(([n]) => n);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n) => !PERMISSION_NAME.test(n))).toEqual([]);
    expect(names.filter((n) => n.startsWith('market.'))).toEqual([]);
  });

  it('the market permissions are named by their resource, as every other module names them', () => {
    const renamed: PermissionName[] = [
      'achievement.write',
      'achievement.review',
      'achievement.import',
      'need.write',
      'need.refine',
      'solution.write',
      'solution.act',
      'challenge.manage',
      'challenge.score',
      'expertProfile.write',
      'dictionary.manage',
      'search.admin',
      'marketStats.read',
    ];
    for (const n of renamed) expect(permissionDef(n), n).toBeDefined();
    expect(permissionDef('market.achievement.write')).toBeUndefined();
    expect(actorHas({ roles: ['enterpriseUser'] }, 'need.write')).toBe(true);
    // @ts-expect-error the old three-part name is no permission any more: the typecheck refuses it
    expect(actorHas({ roles: ['enterpriseUser'] }, 'market.need.write')).toBe(false);
  });

  it('registration refuses a name of another scheme', () => {
    const def = { zh: '测试', en: 'Test', roles: [] };
    expect(() => definePermissions({ 'market.test.write': def })).toThrow(/bad permission name/);
    expect(() => definePermissions({ 'test.do_it': def })).toThrow(/bad permission name/);
    expect(permissionDef('market.test.write')).toBeUndefined();
  });
});
