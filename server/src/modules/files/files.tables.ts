import type { Generated } from 'kysely';

export interface FileTable {
  id: Generated<string>;
  sha256: string;
  size: number;
  mime: string;
  kind: string;
  ext: string;
  original_name: string;
  owner_user_id: string;
  owner_org_id: string;
  purpose: string | null;
  object_type: string | null;
  object_id: string | null;
  created_at: Generated<Date>;
}

declare module '../../platform/db-types.js' {
  interface DB {
    files: FileTable;
  }
}
