import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * Identity: organisations (with 统一社会信用代码), users with roles, sessions (only the SHA-256 of
 * the cookie value is stored), TOTP, login throttling per IP, and the installation key that
 * encrypts TOTP secrets and signs the short-lived OIDC cookie (IDENTITY_SECRET overrides it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table orgs (
      id text primary key,
      name text not null,
      type text not null check (type in ('university','researchInstitute','hospital','enterprise',
        'transferInstitution','districtOffice','commission','financeBureau','other')),
      uscc text not null unique,
      region text not null,
      address text,
      contact_name text,
      contact_phone text,
      status text not null default 'active' check (status in ('active','disabled')),
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index orgs_type on orgs (type)`.execute(db);
  await sql`create index orgs_name on orgs (name)`.execute(db);

  await sql`
    create table users (
      id text primary key,
      username text not null,
      name text not null,
      email text not null,
      phone text,
      id_number text,
      org_id text not null references orgs(id),
      roles text[] not null default '{}',
      status text not null default 'active' check (status in ('active','disabled')),
      locale text not null default 'zh-CN' check (locale in ('zh-CN','en')),
      password_hash text,
      password_changed_at timestamptz,
      must_change_password boolean not null default false,
      failed_logins int not null default 0,
      locked_until timestamptz,
      totp_secret_enc text,
      totp_enabled boolean not null default false,
      totp_last_step bigint,
      ywtb_subject text unique,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_username on users (lower(username))`.execute(db);
  await sql`create index users_email on users (lower(email))`.execute(db);
  await sql`create index users_org on users (org_id)`.execute(db);

  await sql`
    create table sessions (
      id_hash text primary key,
      user_id text not null references users(id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      authenticated_at timestamptz not null,
      mfa_verified boolean not null default false,
      method text not null default 'password',
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);

  await sql`
    create table login_ip_failures (
      ip text not null,
      at timestamptz not null
    )`.execute(db);
  await sql`create index login_ip_failures_ip on login_ip_failures (ip, at)`.execute(db);

  await sql`create table identity_keys (id int primary key check (id = 1), key text not null)`.execute(db);
  await sql`insert into identity_keys (id, key) values (1, ${randomBytes(32).toString('base64')})`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
