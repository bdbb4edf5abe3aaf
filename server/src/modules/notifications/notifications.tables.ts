import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title_zh: string;
  title_en: string;
  body: string;
  body_en: string | null;
  link: string | null;
  read_at: Timestamp | null;
  created_at: Generated<Date>;
}

declare module '../../platform/db-types.js' {
  interface DB {
    notifications: NotificationTable;
  }
}
