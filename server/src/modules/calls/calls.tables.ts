import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';

type JsonCol<T> = ColumnType<T, string, string>;

export interface CallTable {
  id: string;
  year: number | null;
  number: string | null;
  title: string | null;
  status: Generated<'draft' | 'published' | 'closed'>;
  /** The call document (CallSchema when complete; a draft may be partial). */
  content: JsonCol<Record<string, unknown>>;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  receipt_seq: Generated<number>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  published_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** Set when the call was imported for the record (read-only, shown as 已导入). */
  imported_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  imported_by: ColumnType<string | null, string | null | undefined, string | null>;
  import_source: ColumnType<string | null, string | null | undefined, string | null>;
}

declare module '../../platform/db-types.js' {
  interface DB {
    calls: CallTable;
  }
}
