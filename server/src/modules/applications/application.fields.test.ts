/**
 * What people type, judged at the field (issue 11 "Checks on what people type"): phone numbers,
 * e-mail, ID numbers, dates and their order fail the checklist, block the submit and fail a
 * screening run, each message naming the field by its Chinese label, never by its path.
 */
import { describe, expect, it } from 'vitest';
import { passingContent, WAN } from './programme.fixtures.js';
import { approve, fillApplication, makeApplicant, programmeSuite } from './programme.testkit.js';

const s = programmeSuite('fields-');
const PATH = /\b(?:application|budget|lead|project|applicant|declarations|team)\.[A-Za-z]/;

type Problem = { field: string; code: string; message: string; messageEn: string; label?: { zh: string } };

async function draftWith(mutate: (c: Record<string, any>) => void) {
  const a = await makeApplicant(s.env, 'university');
  const id = await fillApplication(s.env, s.call, s.callId, a, '1');
  const content = passingContent(s.call, '1', 'university') as Record<string, any>;
  mutate(content);
  const saved = await s.http(a.lead.cookie, 'PATCH', `/api/applications/${id}/draft`, { content });
  expect(saved.statusCode).toBe(200);
  return { a, id, saved: saved.json() as { fieldErrors: Problem[] } };
}

describe('checks on what people type', () => {
  it('fails the checklist for an end date before the start, 021-abc, a 10-digit mobile and sun@sjtu', async () => {
    const { a, id, saved } = await draftWith((c) => {
      c.project.startDate = '2024-06-01';
      c.project.endDate = '2024-01-01';
      c.applicant.contactPhone = '021-abc';
      c.lead.phone = '1381234567';
      c.lead.email = 'sun@sjtu';
    });
    const byField = Object.fromEntries(saved.fieldErrors.map((e) => [e.field, e.message]));
    expect(byField).toEqual({
      'project.endDate': '结束日期应晚于开始日期',
      'applicant.contactPhone': expect.stringMatching(/^联系电话应为11位手机号.*固定电话/),
      'lead.phone': expect.stringMatching(/^项目负责人手机应为11位手机号/),
      'lead.email': expect.stringMatching(/^项目负责人电子邮箱格式不正确/),
    });
    const cl = (await s.http(a.lead.cookie, 'GET', `/api/applications/${id}/checklist`)).json();
    expect(cl.overall).toBe('fail');
    expect(cl.canSubmit).toBe(false);
    expect(cl.fieldErrors.map((e: Problem) => e.label?.zh).sort()).toEqual(
      ['结束日期', '联系电话', '项目负责人手机', '项目负责人电子邮箱'].sort(),
    );
    // the organisation's review names them by label too (and would need a written override)
    await s.http(a.lead.cookie, 'POST', `/api/applications/${id}/send-for-review`);
    const org = await s.http(a.admin.cookie, 'POST', `/api/applications/${id}/org-review`, {
      decision: 'approve',
    });
    expect(org.statusCode).toBe(422);
    expect(org.json().detail).toMatch(/结束日期、联系电话、项目负责人手机、项目负责人电子邮箱/);
    expect(org.json().errors.map((f: { field: string }) => f.field)).toEqual([
      'project.endDate',
      'applicant.contactPhone',
      'lead.phone',
      'lead.email',
    ]);
  });

  it('accepts well-formed mobiles, landlines with area code and extension, and e-mail with a dot', async () => {
    const { saved } = await draftWith((c) => {
      c.applicant.contactPhone = '021-64000000-123';
      c.lead.phone = '13912345678';
      c.lead.email = 'sun@sjtu.edu.cn';
      c.team.members[0].phone = '0571 88888888';
    });
    expect(saved.fieldErrors).toEqual([]);
  });

  it('checks the ID number check digit (GB 11643) of the lead and of team members', async () => {
    const { saved } = await draftWith((c) => {
      c.lead.idNumber = '110101199003071234'; // check digit is 3
      c.team.members[0].idNumber = '11010119900307123';
    });
    expect(Object.fromEntries(saved.fieldErrors.map((e) => [e.field, e.message]))).toEqual({
      'lead.idNumber': '项目负责人身份证号校验位不正确',
      'team.members.0.idNumber': '成员身份证号（第1行）应为18位（前17位为数字，末位为数字或X）',
    });
  });

  it('names money fields by label and says what is wrong: negative, too large, not a number', async () => {
    for (const [value, zh] of [
      [-5, '申请资助金额须为不小于 0 的数字'],
      ['abc', '申请资助金额须为不小于 0 的数字'],
      [1e20, '申请资助金额超过上限（不超过 1000亿元）'],
      [12.5, '申请资助金额须精确到分'],
    ] as const) {
      const { saved } = await draftWith((c) => {
        c.budget.requestedGrantFen = value;
      });
      const e = saved.fieldErrors.find((x) => x.field === 'budget.requestedGrantFen');
      expect(e?.message, String(value)).toBe(zh);
      expect(e?.messageEn).not.toMatch(PATH);
    }
  });

  it('shows no field path in any checklist label or reason when a declaration is missing', async () => {
    const { a, id } = await draftWith((c) => {
      delete c.declarations.integrityCommitment;
      c.budget.selfFundingFen = 'x';
    });
    const cl = (await s.http(a.lead.cookie, 'GET', `/api/applications/${id}/checklist`)).json();
    const texts = [
      ...cl.screening.findings.flatMap((f: any) => [f.label, f.labelEn, f.reason.zh, f.reason.en]),
      ...cl.content.flatMap((f: any) => [f.label, f.labelEn, f.reason.zh, f.reason.en]),
      ...cl.fieldErrors.flatMap((f: any) => [f.label.zh, f.label.en, f.message, f.messageEn]),
    ];
    expect(texts.filter((t: string) => PATH.test(t))).toEqual([]);
    expect(cl.fieldErrors.map((f: any) => f.message)).toEqual(['单位自筹经费须为不小于 0 的数字']);
  });

  it('fails a screening run on a submitted application whose stored content is malformed', async () => {
    const a = await makeApplicant(s.env, 'university');
    const id = await fillApplication(s.env, s.call, s.callId, a, '1');
    await approve(s.env, id, a);
    expect((await s.http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`)).statusCode).toBe(201);
    // content submitted before the checks existed: the stored package is what staff screen
    const content = passingContent(s.call, '1', 'university') as Record<string, any>;
    content.lead.email = 'sun@sjtu';
    content.project.endDate = '2023-12-31';
    await s.env.platform.ctx.db
      .updateTable('applications')
      .set({ content: JSON.stringify(content) })
      .where('id', '=', id)
      .execute();
    const office = s.staff;
    const run = await s.http(office, 'POST', `/api/calls/${s.callId}/screening/run`);
    expect(run.statusCode).toBe(200);
    const list = (await s.http(office, 'GET', `/api/calls/${s.callId}/screening?result=fail`)).json();
    const item = list.items.find((i: { applicationId: string }) => i.applicationId === id);
    expect(item).toBeDefined();
    const fieldFindings = item.findings.filter((f: { group: string }) => f.group === 'fields');
    expect(fieldFindings.map((f: { label: string }) => f.label).sort()).toEqual(
      ['结束日期', '项目负责人电子邮箱'].sort(),
    );
    expect(fieldFindings.every((f: { passed: unknown }) => f.passed === false)).toBe(true);
  });
});
void WAN;
