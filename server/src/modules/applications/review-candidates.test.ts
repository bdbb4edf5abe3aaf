import { describe, expect, it } from 'vitest';
import { reviewCandidates } from './index.js';
import { approve, fillApplication, makeApplicant, programmeSuite, uploadPdf } from './programme.testkit.js';

const s = programmeSuite('review-candidates-');

describe('review candidates: the applications that passed screening, with their conflict facts', () => {
  it('lists a submitted, passing application with its avoidance list and team employers; drafts are not listed', async () => {
    const a = await makeApplicant(s.env, 'university');
    const id = await fillApplication(s.env, s.call, s.callId, a, '1');
    const got = await s.http(a.lead.cookie, 'GET', `/api/applications/${id}`);
    const content = got.json().content as Record<string, unknown>;
    // seed 000 §二.4: the applicant may name experts to avoid (at most 3), with the organisation's letter
    const saved = await s.http(a.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, {
      content: {
        ...content,
        team: {
          ...(content.team as object),
          members: [
            { name: '周海', role: '核心成员', employer: '上海交通大学' },
            { name: '林岚', role: '核心成员', employer: ' 上海交通大学 ' },
            { name: '陈默', role: '成员' },
          ],
        },
        excludedExperts: [{ name: '王立群', employer: '复旦大学', reason: '存在竞争关系' }],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // the avoidance list needs the organisation's letter (a conditional attachment)
    const letter = await uploadPdf(s.env, a.lead.cookie, '回避专家公函.pdf');
    const at = await s.http(a.lead.cookie, 'POST', `/api/applications/${id}/attachments`, {
      type: 'avoidanceLetter',
      fileId: letter.id,
    });
    expect(at.statusCode, at.body).toBe(201);
    const draft = await fillApplication(
      s.env,
      s.call,
      s.callId,
      await makeApplicant(s.env, 'enterprise'),
      '2',
    );

    expect((await reviewCandidates(s.env.platform.ctx, s.callId)).map((c) => c.applicationId)).toEqual([]);
    await approve(s.env, id, a);
    const sub = await s.http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    expect(sub.statusCode, sub.body).toBe(201);

    const list = await reviewCandidates(s.env.platform.ctx, s.callId);
    expect(list.map((c) => c.applicationId)).toEqual([id]);
    expect(list.map((c) => c.applicationId)).not.toContain(draft);
    const c = list[0]!;
    expect(c).toMatchObject({
      directionCode: '1',
      orgId: a.orgId,
      teamEmployers: ['上海交通大学'],
      excludedExperts: [{ name: '王立群', employer: '复旦大学', reason: '存在竞争关系' }],
    });
    expect(c.receiptNumber).toBeTruthy();
    expect(c.text).toContain(c.projectTitle!);
  });
});
