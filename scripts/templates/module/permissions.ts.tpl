import { definePermissions, type NameSet } from '../../platform/permissions.js';

/**
 * The __name__ module's permissions (`resource.action`, zh and en labels, the roles that hold them).
 * A route names one of these (or `public` / `authenticated`); a workflow transition too. Who may act
 * on which record (ownership, state) is the workflow's guard, not a permission.
 */
export const __NAME___PERMISSIONS = definePermissions({
  '__name__.write': {
    zh: '填写和提交__name__记录',
    en: 'Write and submit __name__ records',
    roles: ['projectLead', 'orgAdmin', 'enterpriseUser'],
  },
  '__name__.review': {
    zh: '审核__name__记录',
    en: 'Review __name__ records',
    roles: ['commissionStaff', 'programmeOfficeStaff'],
  },
});

declare module '../../platform/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface PermissionNames extends NameSet<typeof __NAME___PERMISSIONS> {}
}
