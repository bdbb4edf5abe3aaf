import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { createUser, loginAs, type CreatedUser } from '../../testing/factories.js';
import { startSmtpSink, type SmtpSink } from '../../platform/mail/smtp-sink.js';

let env: TestEnv;
let sink: SmtpSink;
let a: CreatedUser;
let b: CreatedUser;
let cookieA: string;
let cookieB: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  env = await createTestEnv({ smtp: { host: '127.0.0.1', port: sink.port, secure: false } });
  a = await createUser(env, { roles: ['projectLead'], email: 'lead.a@example.cn' });
  b = await createUser(env, { roles: ['projectLead'], email: 'lead.b@example.cn' });
  cookieA = await loginAs(env, a);
  cookieB = await loginAs(env, b);
});
afterAll(async () => {
  await env?.close();
  await sink?.close();
});

const req = (method: 'GET' | 'POST', url: string, cookie?: string) =>
  env.app.inject({ method, url, headers: cookie ? { cookie } : {} });

describe('notifications', () => {
  it('writes in the caller’s transaction, once per user, and queues the e-mails with it', async () => {
    const ctx = env.platform.ctx;
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await ctx.notify!.notify(trx, [a.user.id], {
          kind: 'test.rolledBack',
          titleZh: '不应出现',
          titleEn: 'Must not appear',
          body: '',
          email: true,
        });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const ids = await ctx.db.transaction().execute((trx) =>
      ctx.notify!.notify(trx, [a.user.id, a.user.id, b.user.id], {
        kind: 'application.returned',
        titleZh: '申报书被退回修改',
        titleEn: 'Application returned for changes',
        body: '请补充推荐函后重新提交。',
        bodyEn: 'Add the letter of recommendation and submit again.',
        link: '/applications/42',
        email: true,
      }),
    );
    expect(ids).toHaveLength(2);
    const outbox = await ctx.db.selectFrom('mail_outbox').selectAll().orderBy('to_address').execute();
    expect(outbox.map((o) => [o.to_address, o.status])).toEqual([
      ['lead.a@example.cn', 'queued'],
      ['lead.b@example.cn', 'queued'],
    ]);
    expect(await ctx.mail!.flush()).toEqual({ sent: 2, failed: 0 });
    const m = sink.messages.find((x) => x.to[0] === 'lead.a@example.cn')!;
    expect(m.subject).toBe('申报书被退回修改 / Application returned for changes');
    expect(m.text).toContain('请补充推荐函后重新提交。');
    expect(m.text).toContain(`${env.config.baseUrl}/applications/42`);
    // the English part of the mail carries the English text, not the Chinese one again (issue 11)
    const en = m.text.split('----------------')[1];
    expect(en).toContain('Add the letter of recommendation and submit again.');
    expect(en).not.toContain('请补充推荐函');
  });

  it('lists only my notifications with the unread count', async () => {
    expect((await req('GET', '/api/notifications')).statusCode).toBe(401);
    const res = await req('GET', '/api/notifications', cookieA);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.unread).toBe(1);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      kind: 'application.returned',
      titleZh: '申报书被退回修改',
      titleEn: 'Application returned for changes',
      body: '请补充推荐函后重新提交。',
      bodyEn: 'Add the letter of recommendation and submit again.',
      link: '/applications/42',
      readAt: null,
    });
  });

  it("marks one as read; someone else's is not found", async () => {
    const id = (await req('GET', '/api/notifications', cookieA)).json().items[0].id;
    const other = await req('POST', `/api/notifications/${id}/read`, cookieB);
    expect(other.statusCode).toBe(404);
    const res = await req('POST', `/api/notifications/${id}/read`, cookieA);
    expect(res.statusCode).toBe(200);
    expect(res.json().readAt).not.toBeNull();
    const page = (await req('GET', '/api/notifications', cookieA)).json();
    expect(page.unread).toBe(0);
    expect((await req('GET', '/api/notifications?unread=true', cookieA)).json().items).toEqual([]);
    const audit = await env.platform.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'notification.read')
      .where('object_id', '=', id)
      .execute();
    expect(audit.map((r) => r.actor_id)).toEqual([a.user.id]);
  });

  it('marks all as read', async () => {
    const ctx = env.platform.ctx;
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) {
        await ctx.notify!.notify(trx, [b.user.id], {
          kind: 'test.bulk',
          titleZh: `通知${i}`,
          titleEn: `N${i}`,
          body: '',
        });
      }
    });
    expect((await req('GET', '/api/notifications', cookieB)).json().unread).toBe(4);
    const res = await req('POST', '/api/notifications/read-all', cookieB);
    expect(res.json()).toEqual({ updated: 4 });
    expect((await req('GET', '/api/notifications', cookieB)).json().unread).toBe(0);
    expect((await req('GET', '/api/notifications', cookieA)).json().total).toBe(1);
  });
});
