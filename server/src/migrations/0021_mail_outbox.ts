import { sql, type Kysely } from 'kysely';

/**
 * Outgoing mail. Every message is written here first (in the transaction of the change that
 * causes it) and sent by a job with retries, so a down SMTP server loses nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text,
      status text not null default 'queued' check (status in ('queued','sending','sent','failed')),
      attempts int not null default 0,
      last_error text,
      message_id text,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db);
  await sql`create index mail_outbox_due on mail_outbox (status, updated_at) where status <> 'sent'`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('irreversible');
}
