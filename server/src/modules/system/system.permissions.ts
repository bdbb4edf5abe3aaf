import { definePermissions, type NameSet } from '../../platform/permissions.js';

export const SYSTEM_PERMISSIONS = definePermissions({
  'backup.read': {
    zh: '查看备份与恢复演练结果',
    en: 'View backups and restore-drill results',
    roles: ['systemAdmin'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof SYSTEM_PERMISSIONS> {}
}
