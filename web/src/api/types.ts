/** Shapes of the server's JSON answers (server/src/modules/identity, audit, system). */

export type Role =
  | 'commissionStaff'
  | 'programmeOfficeStaff'
  | 'finance'
  | 'districtOfficer'
  | 'orgAdmin'
  | 'projectLead'
  | 'expert'
  | 'enterpriseUser'
  | 'techManager'
  | 'auditor'
  | 'systemAdmin';

export const ROLE_CODES: Role[] = [
  'commissionStaff',
  'programmeOfficeStaff',
  'finance',
  'districtOfficer',
  'orgAdmin',
  'projectLead',
  'expert',
  'enterpriseUser',
  'techManager',
  'auditor',
  'systemAdmin',
];

export type OrgType =
  | 'university'
  | 'researchInstitute'
  | 'hospital'
  | 'enterprise'
  | 'transferInstitution'
  | 'districtOffice'
  | 'commission'
  | 'financeBureau'
  | 'other';

export const ORG_TYPES: OrgType[] = [
  'university',
  'researchInstitute',
  'hospital',
  'enterprise',
  'transferInstitution',
  'districtOffice',
  'commission',
  'financeBureau',
  'other',
];

export interface Me {
  id: string;
  username: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  orgId: string;
  orgName: string;
  orgType: OrgType | string;
  roles: Role[];
  mfaRequired: boolean;
  mfaEnabled: boolean;
  mfaVerified: boolean;
  permissions: string[];
  locale?: string | null;
  /** Set after an admin created the account or reset its password. */
  mustChangePassword?: boolean;
}

export interface LoginResult {
  mfa: 'none' | 'required' | 'enrol';
  me: Me;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface Org {
  id: string;
  name: string;
  type: OrgType;
  uscc?: string | null;
  region?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  status?: string | null;
  createdAt?: string | null;
  [k: string]: unknown;
}

export type UserStatus = 'active' | 'disabled' | 'locked' | string;

export interface User {
  id: string;
  username: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  orgId: string;
  orgName?: string | null;
  roles: Role[];
  status: UserStatus;
  /** Locked after too many wrong passwords (unlock clears it). */
  locked?: boolean;
  mfaEnabled: boolean;
  linkedYwtb?: boolean;
  createdAt?: string;
  lastLoginAt?: string | null;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actorId: string | null;
  actorOrgId?: string | null;
  actorLabel: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: 'ok' | 'denied' | 'failed';
  before: unknown;
  after: unknown;
  detail: unknown;
  hash: string;
}

export interface AuditVerifyResult {
  rows: number;
  ok: boolean;
  problems: Array<{ seq: number; problem: string; detail: string }>;
}

export interface PermissionRegistry {
  mine: string[];
  roles: Array<{ code: string; zh: string; en: string; mfa: boolean }>;
  permissions: Array<{ code: string; zh: string; en: string; roles: string[] }>;
}
