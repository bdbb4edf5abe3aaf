import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';
import type { __Name__Status } from './__name__.workflow.js';

type Created = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * The tables the __name__ module owns (only this module writes them; docs/ARCHITECTURE.md "Table
 * ownership"). Created by the migration server/src/migrations/NNNN___name__.ts:
 *
 *   create table __name___records (
 *     id text primary key,
 *     title text not null,
 *     summary text not null default '',
 *     amount_fen bigint,
 *     status text not null default 'draft',
 *     return_reason text,
 *     org_id text not null references orgs(id),
 *     created_by text not null references users(id),
 *     reviewed_by text references users(id),
 *     reviewed_at timestamptz,
 *     version int not null default 1,
 *     created_at timestamptz not null default now(),
 *     updated_at timestamptz not null default now()
 *   )
 */
export interface __Name__RecordTable {
  id: string;
  title: string;
  summary: string;
  /** money is integer fen (分); bigint comes back from PostgreSQL as a string */
  amount_fen: ColumnType<number | string | null, number | null, number | null>;
  status: Generated<__Name__Status>;
  return_reason: string | null;
  org_id: string;
  created_by: string;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  version: Generated<number>;
  created_at: Created;
  updated_at: Created;
}

declare module '../../platform/db-types.js' {
  interface DB {
    __name___records: __Name__RecordTable;
  }
}
