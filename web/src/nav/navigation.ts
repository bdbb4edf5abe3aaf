import type { Role } from '../api/types.js';
import type { MessageKey } from '../i18n/index.js';

export type NavGroup = 'programme' | 'evaluation' | 'market' | 'ecosystem' | 'admin';

export type NavKey =
  | 'calls'
  | 'applications'
  | 'screening'
  | 'reviews'
  | 'reviewTasks'
  | 'notices'
  | 'agreements'
  | 'disbursements'
  | 'reports'
  | 'evaluation'
  | 'achievements'
  | 'needs'
  | 'matching'
  | 'contracts'
  | 'stats'
  | 'institutions'
  | 'techManagers'
  | 'actionPlan'
  | 'orgs'
  | 'users'
  | 'audit';

export interface NavItem {
  key: NavKey;
  group: NavGroup;
  path: string;
  label: MessageKey;
  /** Server module that provides the page (design brief, "Layout"). */
  module: string;
  /** Page is live in this build. */
  built: boolean;
}

const item = (key: NavKey, group: NavGroup, module: string, built = false): NavItem => ({
  key,
  group,
  path: `/${group}/${key}`,
  label: `nav.${key}` as MessageKey,
  module,
  built,
});

export const NAV_ITEMS: Record<NavKey, NavItem> = {
  calls: item('calls', 'programme', 'calls', true),
  applications: item('applications', 'programme', 'applications', true),
  screening: item('screening', 'programme', 'applications', true),
  reviews: { ...item('reviews', 'programme', 'review', true), path: '/review/rounds' },
  reviewTasks: { ...item('reviewTasks', 'programme', 'review', true), path: '/review/tasks' },
  notices: { ...item('notices', 'programme', 'review', true), path: '/review/notices' },
  agreements: item('agreements', 'programme', 'projects', true),
  disbursements: item('disbursements', 'programme', 'projects', true),
  reports: item('reports', 'programme', 'projects'),
  evaluation: item('evaluation', 'evaluation', 'evaluations'),
  achievements: item('achievements', 'market', 'market', true),
  needs: item('needs', 'market', 'market', true),
  matching: item('matching', 'market', 'market + search', true),
  contracts: item('contracts', 'market', 'registry'),
  stats: item('stats', 'market', 'stats'),
  institutions: item('institutions', 'ecosystem', 'ecosystem'),
  techManagers: item('techManagers', 'ecosystem', 'ecosystem'),
  actionPlan: item('actionPlan', 'ecosystem', 'ecosystem'),
  orgs: item('orgs', 'admin', 'identity', true),
  users: item('users', 'admin', 'identity', true),
  audit: item('audit', 'admin', 'audit', true),
};

export const GROUP_ORDER: NavGroup[] = ['programme', 'evaluation', 'market', 'ecosystem', 'admin'];

/** What each role does in the whole system: the navigation of its workspace. */
export const ROLE_NAV: Record<Role, NavKey[]> = {
  commissionStaff: [
    'calls',
    'applications',
    'screening',
    'reviews',
    'notices',
    'agreements',
    'disbursements',
    'reports',
    'evaluation',
    'achievements',
    'needs',
    'matching',
    'contracts',
    'stats',
    'institutions',
    'techManagers',
    'actionPlan',
    'orgs',
    'users',
    'audit',
  ],
  programmeOfficeStaff: [
    'calls',
    'applications',
    'screening',
    'reviews',
    'notices',
    'agreements',
    'disbursements',
    'reports',
    'evaluation',
    'matching',
    'orgs',
    'audit',
  ],
  finance: ['agreements', 'disbursements', 'reports', 'evaluation', 'stats'],
  districtOfficer: [
    'calls',
    'applications',
    'notices',
    'disbursements',
    'reports',
    'contracts',
    'stats',
    'institutions',
  ],
  orgAdmin: [
    'calls',
    'applications',
    'agreements',
    'disbursements',
    'reports',
    'achievements',
    'contracts',
    'users',
  ],
  projectLead: ['calls', 'applications', 'agreements', 'reports', 'achievements', 'needs', 'matching'],
  expert: ['reviewTasks', 'matching'],
  enterpriseUser: ['calls', 'needs', 'achievements', 'matching', 'contracts'],
  techManager: ['achievements', 'needs', 'matching', 'contracts', 'techManagers'],
  auditor: ['reviews', 'disbursements', 'evaluation', 'stats', 'audit'],
  systemAdmin: ['orgs', 'users', 'audit'],
  securityAdmin: ['users'],
  auditAdmin: ['audit'],
};

export function navFor(role: Role): NavItem[] {
  return ROLE_NAV[role].map((k) => NAV_ITEMS[k]);
}

export function itemByPath(pathname: string): NavItem | undefined {
  return Object.values(NAV_ITEMS).find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`));
}
