import type { Generated } from 'kysely';
import type { Timestamp } from '../db-types.js';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  message_id: string | null;
  locked_until: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  sent_at: Timestamp | null;
}

declare module '../db-types.js' {
  interface DB {
    mail_outbox: MailOutboxTable;
  }
}
