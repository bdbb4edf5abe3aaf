import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { JobQueue } from '../jobs/queue.js';
import { Mailer, maskEmail } from './mailer.js';
import { bilingualMail } from './templates.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let env: TestEnv;
let sink: SmtpSink;
beforeAll(async () => {
  env = await createTestEnv();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await env?.close();
});

const smtpConfig = () => ({
  smtp: { host: '127.0.0.1', port: sink.port, secure: false },
  mailFrom: '科转通 TransferOne <noreply@transferone.local>',
});

async function until<T>(fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const outbox = (id: string) =>
  env.platform.ctx.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('Mailer', () => {
  it('writes to the outbox in the transaction and sends a UTF-8 Chinese message over SMTP', async () => {
    const db = env.platform.ctx.db;
    const mailer = new Mailer(db, smtpConfig());
    const msg = bilingualMail({
      to: 'zhang.san@example.cn',
      titleZh: '申报书已提交',
      titleEn: 'Application submitted',
      bodyZh: '您的申报书“科技成果转化示范项目”已提交。',
      bodyEn: 'Your application has been submitted.',
      link: 'http://localhost:3000/applications/1',
    });
    const [id] = await db.transaction().execute((trx) => mailer.enqueue(trx, msg));
    expect((await outbox(id)).status).toBe('queued');
    expect(await mailer.deliver(id)).toBe('sent');
    const row = await outbox(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(sink.messages).toHaveLength(1);
    const m = sink.messages[0];
    expect(m.to).toEqual(['zhang.san@example.cn']);
    expect(m.from).toBe('noreply@transferone.local');
    expect(m.subject).toBe('申报书已提交 / Application submitted');
    expect(m.headers.subject).toMatch(/=\?UTF-8\?/i);
    expect(m.headers['message-id']).toBe(row.message_id);
    expect(m.text).toContain('您的申报书“科技成果转化示范项目”已提交。');
    expect(m.text.indexOf('申报书已提交')).toBeLessThan(m.text.indexOf('Application submitted'));
    expect(m.html).toContain('<h2>申报书已提交</h2>');
    // delivered once: a second deliver does nothing
    expect(await mailer.deliver(id)).toBe('skipped');
    expect(sink.messages).toHaveLength(1);
  });

  it('keeps a message through a failing SMTP server and sends it when the server recovers', async () => {
    const db = env.platform.ctx.db;
    const mailer = new Mailer(db, smtpConfig());
    sink.messages.length = 0;
    const [id] = await mailer.enqueue(db, {
      to: 'li.si@example.cn',
      subject: '测试 outbox',
      text: '正文 body',
    });
    sink.failing = true;
    expect(await mailer.flush()).toEqual({ sent: 0, failed: 1 });
    let row = await outbox(id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/451/);
    sink.failing = false;
    expect(await mailer.flush()).toEqual({ sent: 1, failed: 0 });
    row = await outbox(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sink.messages.map((m) => m.subject)).toEqual(['测试 outbox']);
  });

  it('rolls the outbox row back with the transaction', async () => {
    const db = env.platform.ctx.db;
    const mailer = new Mailer(db, smtpConfig());
    const before = await db
      .selectFrom('mail_outbox')
      .select(db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        await mailer.enqueue(trx, { to: 'a@example.cn', subject: 'x', text: 'y' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await db
      .selectFrom('mail_outbox')
      .select(db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('without SMTP settings keeps the message in the outbox and logs it (masked)', async () => {
    const db = env.platform.ctx.db;
    const logs: string[] = [];
    const mailer = new Mailer(db, { smtp: undefined, mailFrom: 'x@y' }, { log: (_l, m) => logs.push(m) });
    const [id] = await mailer.enqueue(db, { to: 'wang.wu@example.cn', subject: '无服务器', text: '内容' });
    expect(await mailer.deliver(id)).toBe('not_configured');
    expect((await outbox(id)).status).toBe('queued');
    expect(logs.join('\n')).toContain('w***@example.cn');
    expect(logs.join('\n')).not.toContain('wang.wu@');
    expect(maskEmail('bad')).toBe('***');
    // a mailer with SMTP later sends it
    sink.messages.length = 0;
    await new Mailer(db, smtpConfig()).flush();
    expect(sink.messages.map((m) => m.subject)).toContain('无服务器');
  });

  it('sends through the mail.send job, retrying while SMTP is down', async () => {
    const ctx = env.platform.ctx;
    const jobs = new JobQueue(ctx.db, ctx.dbKind, { run: true, pollingIntervalSeconds: 0.5 });
    const mailer = new Mailer(ctx.db, smtpConfig(), { jobs });
    await mailer.registerJobs(jobs, { retryLimit: 3, retryDelay: 1, retryBackoff: false });
    await jobs.start();
    try {
      sink.messages.length = 0;
      sink.failing = true;
      const [id] = await ctx.db
        .transaction()
        .execute((trx) =>
          mailer.enqueue(trx, { to: 'zhao.liu@example.cn', subject: '任务发送', text: '经由任务' }),
        );
      const failed = await until(async () => {
        const r = await outbox(id);
        return r.last_error !== null && r;
      });
      expect(failed.last_error).toMatch(/451/);
      sink.failing = false;
      const row = await until(async () => {
        const r = await outbox(id);
        return r.status === 'sent' && r;
      });
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      expect(sink.messages.map((m) => m.subject)).toEqual(['任务发送']);
      const sched = await sql<{
        name: string;
        timezone: string;
      }>`select name, timezone from pgboss.schedule`.execute(ctx.db);
      expect(sched.rows).toContainEqual({ name: 'mail.outbox-sweep', timezone: 'Asia/Shanghai' });
    } finally {
      sink.failing = false;
      await jobs.stop();
    }
  });
});
