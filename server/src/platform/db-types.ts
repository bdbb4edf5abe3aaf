import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/**
 * The database schema as Kysely types. Each module adds its own tables by interface merging:
 *
 *   declare module '../../platform/db-types.js' { interface DB { orgs: OrgTable } }
 *
 * so no module edits another's table definitions.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DB extends PlatformTables {}

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string, string>;

export interface PlatformTables {
  audit_log: {
    seq: Generated<number>;
    at: ColumnType<Date, Date | string | undefined, never>;
    actor_id: string | null;
    actor_org_id: string | null;
    actor_label: string | null;
    ip: string | null;
    action: string;
    object_type: string | null;
    object_id: string | null;
    result: 'ok' | 'denied' | 'failed';
    before: Json | null;
    after: Json | null;
    detail: Json | null;
    prev_hash: string;
    hash: string;
    /** HMAC-SHA256 with the audit key (migration 0038); null for rows written before a key existed. */
    mac: string | null;
    /** Id of the key that made `mac` (audit-key.ts `auditKeyId`). */
    mac_key: string | null;
  };
  /** One row per archive of the oldest audit rows (migration 0049, platform/audit-archive.ts); append-only. */
  audit_archives: {
    id: Generated<number>;
    first_seq: number;
    last_seq: number;
    rows: number;
    first_prev_hash: string;
    last_hash: string;
    last_mac: string | null;
    first_at: Timestamp;
    last_at: Timestamp;
    file: string;
    sha256: string;
    bytes: number;
    retention_days: number;
    created_at: Timestamp;
    created_by: string | null;
    mac_key: string;
    mac: string;
  };
  audit_chain_head: {
    id: number;
    last_seq: number;
    last_hash: string;
    last_mac: string | null;
  };
  idempotency_keys: {
    key: string;
    scope: string;
    request_hash: string;
    status_code: number | null;
    response_body: string | null;
    content_type: string | null;
    created_at: Generated<Date>;
  };
  /** One row per backup written (platform/backup/scheduled.ts): the live system at backup time. */
  system_backups: {
    name: string;
    path: string;
    kind: 'scheduled' | 'manual';
    created_at: Timestamp;
    manifest_sha256: string;
    tables: Json<Record<string, number>>;
    files: Json<Record<string, string>>;
    rows: number;
    file_count: number;
    bytes: number;
    seconds: number;
    deleted_at: Timestamp | null;
  };
  /** One row per restore drill (platform/backup/drill.ts). */
  system_backup_drills: {
    id: Generated<number>;
    backup_name: string;
    backup_path: string;
    engine: 'pglite' | 'pg';
    started_at: Timestamp;
    seconds: number;
    ok: boolean;
    report: Json<unknown>;
  };
}

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the root handle or a transaction: repositories accept both. */
export type Executor = Kysely<DB>;
