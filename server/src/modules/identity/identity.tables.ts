import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';
import type { Role } from '../../platform/roles.js';
import type { OrgType } from './org.rules.js';

export interface OrgTable {
  id: string;
  name: string;
  type: OrgType;
  uscc: string;
  region: string;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  status: Generated<'active' | 'disabled'>;
  version: Generated<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UserTable {
  id: string;
  username: string;
  name: string;
  email: string;
  phone: string | null;
  id_number: string | null;
  org_id: string;
  roles: ColumnType<Role[], Role[], Role[]>;
  status: Generated<'active' | 'disabled'>;
  locale: Generated<'zh-CN' | 'en'>;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  ywtb_subject: string | null;
  /** This sign-in and the one before it (the previous is shown in /api/auth/me). */
  last_sign_in_at: Timestamp | null;
  last_sign_in_ip: string | null;
  previous_sign_in_at: Timestamp | null;
  previous_sign_in_ip: string | null;
  version: Generated<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  authenticated_at: Timestamp;
  mfa_verified: boolean;
  method: 'password' | 'oidc';
  ip: string | null;
  user_agent: string | null;
}

/** Failed sign-ins for one typed account name from one IP address (the back-off, backoff.rules.ts). */
export interface LoginBackoffTable {
  account_key: string;
  ip: string;
  failures: number;
  blocked_until: Timestamp | null;
  last_failure_at: Timestamp;
}

/** A 忘记密码 link: only the SHA-256 of its token is kept. */
export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  ip: string | null;
}

declare module '../../platform/db-types.js' {
  interface DB {
    orgs: OrgTable;
    users: UserTable;
    sessions: SessionTable;
    /** Hashes of replaced passwords (MLPS profile: the last five may not be reused). */
    user_password_history: { user_id: string; password_hash: string; replaced_at: Timestamp };
    login_ip_failures: { ip: string; at: Timestamp };
    identity_keys: { id: number; key: string };
    login_backoffs: LoginBackoffTable;
    password_resets: PasswordResetTable;
    password_reset_requests: { ip: string; account_key: string; at: Timestamp };
  }
}
