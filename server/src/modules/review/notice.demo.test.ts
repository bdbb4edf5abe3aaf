/**
 * The notice demo helper (a consulted funding plan and its published notice, open today, with one
 * objection; idempotent), and on that
 * notice the public objection's rate limit.
 */
import { describe, expect, it } from 'vitest';
import {
  approve,
  fillApplication,
  makeApplicant,
  programmeSuite,
} from '../applications/programme.testkit.js';
import { seedNoticeDemo } from './index.js';
import { OBJECTION_MAX_PER_IP } from './objection.service.js';

const s = programmeSuite('notice-demo-');
let noticeId = '';
let target = '';

describe('seedNoticeDemo', () => {
  it('publishes a notice of the ranked applications with one objection from the public, once', async () => {
    const ids: string[] = [];
    for (const kind of ['university', 'university'] as const) {
      const a = await makeApplicant(s.env, kind);
      const id = await fillApplication(s.env, s.call, s.callId, a, '1');
      await approve(s.env, id, a);
      const sub = await s.http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`);
      expect(sub.statusCode, sub.body).toBe(201);
      ids.push(id);
    }
    const ctx = s.env.platform.ctx;
    const first = await seedNoticeDemo(ctx, s.callId, ids);
    expect(first.created).toBe(true);
    noticeId = first.noticeId;
    target = ids[0]!;
    const pub = (await s.http(null, 'GET', `/api/public/notices/${first.noticeId}`)).json();
    expect(pub).toMatchObject({ status: 'published', state: 'open' });
    expect(pub.entries.map((e: { applicationId: string }) => e.applicationId)).toEqual(ids);
    const objections = await ctx.db
      .selectFrom('review_objections')
      .select(['application_id', 'status'])
      .where('notice_id', '=', first.noticeId)
      .execute();
    expect(objections).toEqual([{ application_id: ids[1], status: 'received' }]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', 'like', 'review.%')
      .orderBy('seq')
      .execute();
    // the list went through the funding plan, drafted, set, consulted (会商) and put on notice
    expect(audit.map((a) => a.action)).toEqual([
      'review.fundingPlan.draft',
      'review.fundingPlan.revise',
      'review.fundingPlan.consult',
      'review.fundingPlan.notice',
      'review.notice.create',
      'review.notice.publish',
      'review.objection.lodge',
    ]);
    expect(audit[0]!.actor_id).toBe('system:demo-seed');
    const list = await s.http(s.staff, 'GET', `/api/review/notices?callId=${s.callId}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toMatchObject([
      { id: first.noticeId, objectionCount: 1, undecidedCount: 1, actions: [] },
    ]);
    expect(await seedNoticeDemo(ctx, s.callId, ids)).toEqual({ noticeId: first.noticeId, created: false });
  });

  it(`takes ${OBJECTION_MAX_PER_IP} objections an hour from one address, then answers 429 (audited)`, async () => {
    const lodge = () =>
      s.http(null, 'POST', `/api/public/notices/${noticeId}/objections`, {
        applicationId: target,
        name: '张三',
        email: 'zhangsan@example.cn',
        statement: '申报单位的资质材料存在疑问，请核实。',
      });
    for (let i = 0; i < OBJECTION_MAX_PER_IP; i++) expect((await lodge()).statusCode).toBe(201);
    const over = await lodge();
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBeDefined();
    expect(over.json().message).toContain('一小时内最多');
    const audit = await s.env.platform.ctx.db
      .selectFrom('audit_log')
      .select('result')
      .where('action', '=', 'review.objection.throttled')
      .execute();
    expect(audit).toEqual([{ result: 'denied' }]);
  });
});
