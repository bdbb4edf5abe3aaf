import { definePermissions, type NameSet } from '../../platform/permissions.js';
import type { Role } from '../../platform/roles.js';

/** Who keeps the pool: they read experts' contact details in clear (everyone else sees them masked). */
export const POOL_KEEPERS: readonly Role[] = ['commissionStaff', 'programmeOfficeStaff'];

/** Permissions of the expert pool (专家库). */
export const EXPERT_POOL_PERMISSIONS = definePermissions({
  'expertPool.read': {
    zh: '查看专家库',
    en: 'View the expert pool',
    roles: [...POOL_KEEPERS, 'auditor'],
  },
  'expertPool.write': {
    zh: '维护专家库（编辑、导入、导出）',
    en: 'Maintain the expert pool (edit, import, export)',
    roles: [...POOL_KEEPERS],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof EXPERT_POOL_PERMISSIONS> {}
}
