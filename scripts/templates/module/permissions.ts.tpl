import { definePermissions } from '../../platform/permissions.js';

/**
 * The __name__ module's permissions (`module.resource.action`, zh and en labels, the roles that hold
 * them). A route names one of these (or `public` / `authenticated`); a workflow transition too. Who
 * may act on which record (ownership, state) is the workflow's guard, not a permission.
 */
definePermissions({
  '__name__.record.write': {
    zh: '填写和提交__name__记录',
    en: 'Write and submit __name__ records',
    roles: ['projectLead', 'orgAdmin', 'enterpriseUser'],
  },
  '__name__.record.review': {
    zh: '审核__name__记录',
    en: 'Review __name__ records',
    roles: ['commissionStaff', 'programmeOfficeStaff'],
  },
});
