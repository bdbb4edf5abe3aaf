import nodemailer, { type Transporter } from 'nodemailer';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db-types.js';
import type { JobQueue } from '../jobs/queue.js';
import './mail.tables.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export const MAIL_SEND_JOB = 'mail.send';
export const MAIL_SWEEP_JOB = 'mail.outbox-sweep';
/** After this many failed attempts a message is marked failed (still kept, retryable by an admin). */
export const MAIL_MAX_ATTEMPTS = 8;
/** How long one sender holds a message before another may take it over (crash safety). */
const CLAIM_SECONDS = 120;

export type DeliverResult = 'sent' | 'skipped' | 'not_configured';

type Log = (level: 'info' | 'warn' | 'error', msg: string) => void;

/** e-mail addresses in logs: z***@example.cn. */
export function maskEmail(addr: string): string {
  const at = addr.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${addr[0]}***${addr.slice(at)}`;
}

/**
 * Outgoing mail through an outbox. `enqueue` writes the message in the caller's transaction (and,
 * when jobs run, a `mail.send` job in the same transaction); `deliver` sends one message over SMTP
 * (config.smtp) and records the outcome; a failed attempt stays queued and is retried by the job
 * and by the periodic sweep. Without SMTP settings messages stay in the outbox and are logged, so
 * nothing is lost; they go out once SMTP is configured.
 */
export class Mailer {
  private transport?: Transporter;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly config: Pick<Config, 'smtp' | 'mailFrom'>,
    private readonly opts: { jobs?: JobQueue; log?: Log; transport?: Transporter } = {},
  ) {
    this.transport = opts.transport;
  }

  get configured(): boolean {
    return !!(this.transport || this.config.smtp);
  }

  private getTransport(): Transporter | undefined {
    if (this.transport) return this.transport;
    const s = this.config.smtp;
    if (!s) return undefined;
    this.transport = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      auth: s.user ? { user: s.user, pass: s.pass ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return this.transport;
  }

  /** Writes messages to the outbox in `trx` (the caller's transaction); returns their ids. */
  async enqueue(trx: Kysely<DB>, messages: MailMessage | MailMessage[]): Promise<string[]> {
    const list = Array.isArray(messages) ? messages : [messages];
    if (!list.length) return [];
    const rows = await trx
      .insertInto('mail_outbox')
      .values(
        list.map((m) => ({
          to_address: m.to,
          subject: m.subject,
          text_body: m.text,
          html_body: m.html ?? null,
          last_error: null,
          message_id: null,
          locked_until: null,
          sent_at: null,
        })),
      )
      .returning('id')
      .execute();
    const ids = rows.map((r) => r.id);
    const jobs = this.opts.jobs;
    if (jobs?.running && this.configured) {
      for (const id of ids) await jobs.send(MAIL_SEND_JOB, { outboxId: id }, { db: trx, singletonKey: id });
    }
    if (!this.configured) {
      for (const m of list) {
        this.opts.log?.(
          'warn',
          `mail kept in the outbox, no SMTP configured (未配置邮件服务器，邮件保存在发件箱): to ${maskEmail(m.to)} subject “${m.subject}”`,
        );
      }
    }
    return ids;
  }

  /**
   * Sends one outbox message if it is due. `final`: this is the last try (the row becomes
   * `failed` on error). Throws the SMTP error after recording it, so a job retries.
   */
  async deliver(outboxId: string, opts: { final?: boolean } = {}): Promise<DeliverResult> {
    const transport = this.getTransport();
    if (!transport) return 'not_configured';
    const claimed = await sql<{
      id: string;
      to_address: string;
      subject: string;
      text_body: string;
      html_body: string | null;
      attempts: number;
    }>`
      update mail_outbox
         set status = 'sending', attempts = attempts + 1, updated_at = now(),
             locked_until = now() + make_interval(secs => ${CLAIM_SECONDS})
       where id = ${outboxId}
         and (status in ('queued', 'failed') or (status = 'sending' and locked_until < now()))
      returning id, to_address, subject, text_body, html_body, attempts`.execute(this.db);
    const row = claimed.rows[0];
    if (!row) return 'skipped';
    try {
      const info = await transport.sendMail({
        from: this.config.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body ?? undefined,
      });
      await this.db
        .updateTable('mail_outbox')
        .set({
          status: 'sent',
          sent_at: new Date(),
          message_id: String(info.messageId ?? ''),
          last_error: null,
          locked_until: null,
          updated_at: new Date(),
        })
        .where('id', '=', row.id)
        .execute();
      return 'sent';
    } catch (e) {
      const msg = (e as Error).message ?? String(e);
      const failed = opts.final || Number(row.attempts) >= MAIL_MAX_ATTEMPTS;
      await this.db
        .updateTable('mail_outbox')
        .set({
          status: failed ? 'failed' : 'queued',
          last_error: msg.slice(0, 2000),
          locked_until: null,
          updated_at: new Date(),
        })
        .where('id', '=', row.id)
        .execute();
      this.opts.log?.(
        'warn',
        `mail ${row.id} to ${maskEmail(row.to_address)} failed (attempt ${row.attempts}): ${msg}`,
      );
      throw e;
    }
  }

  /** Sends every queued message (the sweep job; also after SMTP comes back). Returns counts. */
  async flush(limit = 200): Promise<{ sent: number; failed: number }> {
    if (!this.getTransport()) return { sent: 0, failed: 0 };
    const due = await this.db
      .selectFrom('mail_outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', new Date())]),
        ]),
      )
      .orderBy('created_at')
      .limit(limit)
      .execute();
    let sent = 0;
    let failed = 0;
    for (const { id } of due) {
      try {
        if ((await this.deliver(id)) === 'sent') sent++;
      } catch {
        failed++;
      }
    }
    return { sent, failed };
  }

  /** Registers the send job and the sweep (every minute) on the queue. */
  async registerJobs(
    jobs: JobQueue,
    retry = { retryLimit: 5, retryDelay: 30, retryBackoff: true },
  ): Promise<void> {
    await jobs.work<{ outboxId: string }>(
      MAIL_SEND_JOB,
      async (job) => {
        await this.deliver(job.data.outboxId, { final: job.retryCount >= job.retryLimit });
      },
      retry,
    );
    await jobs.work(MAIL_SWEEP_JOB, async () => {
      await this.flush();
    });
    await jobs.schedule(MAIL_SWEEP_JOB, '* * * * *');
  }

  async close(): Promise<void> {
    this.transport?.close();
  }
}
