import type { ColumnType } from 'kysely';

/**
 * Terms staff add to the search dictionary (the index is rebuilt with them). The SQL name keeps
 * its `market_` prefix (migration 0041); the matching module owns the table.
 */
export interface DictionaryTermTable {
  term: string;
  note: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module '../../platform/db-types.js' {
  interface DB {
    market_dictionary_terms: DictionaryTermTable;
  }
}
