/**
 * The papers to print and stamp (issue 11): the 申报书 and the 回执 as Word documents, on the real
 * database. The .docx is unzipped and its word/document.xml read; visibility is the application's.
 */
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { loginAs } from '../../testing/factories.js';
import {
  approve,
  fillApplication,
  makeApplicant,
  programmeSuite,
  type Applicant,
} from './programme.testkit.js';

const s = programmeSuite('document-');

async function documentXml(payload: Buffer): Promise<string> {
  // a .docx is a zip (PK\x03\x04) with word/document.xml
  expect(payload.subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
  const zip = await JSZip.loadAsync(payload);
  expect(Object.keys(zip.files)).toEqual(
    expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']),
  );
  return zip.file('word/document.xml')!.async('string');
}
/** the text of document.xml, runs joined (Word may split a line into several runs) */
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('申报书 and 回执 as Word documents', () => {
  let a: Applicant;
  let id: string;
  let orgName: string;

  it('gives the draft 申报书 to the applicant: cover, sections, amounts in 万元, declarations', async () => {
    a = await makeApplicant(s.env, 'university');
    id = await fillApplication(s.env, s.call, s.callId, a, '1');
    const app = (await s.http(a.lead.cookie, 'GET', `/api/applications/${id}`)).json();
    orgName = app.orgName;
    const r = await s.http(a.lead.cookie, 'GET', `/api/applications/${id}/document?format=docx`);
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/wordprocessingml\.document/);
    // RFC 5987: an ASCII fallback and the UTF-8 name
    const cd = String(r.headers['content-disposition']);
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent(`${app.projectTitle}-申报书.docx`)}`);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"/);

    const text = textOf(await documentXml(r.rawPayload));
    expect(text).toContain(app.projectTitle);
    expect(text).toContain(orgName);
    expect(text).toContain('申  报  书');
    for (const label of ['项目名称', '申报单位', '项目负责人', '申报日期', '申报编号', '申报单位（盖章）'])
      expect(text).toContain(label);
    expect(text).toContain('（正式提交后生成）');
    // the sections of the guide's application, in order
    const order = [
      '一、项目基本信息',
      '二、申报单位信息',
      '三、项目负责人',
      '四、可行性方案',
      '五、经费预算',
      '六、考核指标',
      '七、项目团队与技术经理人',
      '八、申请回避的专家',
      '九、附件清单',
      '十、承诺',
    ];
    const at = order.map((h) => text.indexOf(h));
    expect(at.every((x) => x > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    // amounts in 万元, two decimals: as saved, fen / 1e6
    const b = app.content.budget;
    for (const k of ['requestedGrantFen', 'selfFundingFen', 'firstYearRequestFen', 'techManagerTrainingFen'])
      expect(text).toContain((b[k] / 1e6).toFixed(2));
    expect(text).toContain((b.requestedGrantFen / 1e6 + b.selfFundingFen / 1e6).toFixed(2)); // 合计
    expect(text).toContain('每项资助额度不超过 500.00 万元');
    // KPI commitments (the guide's first KPI of direction 1) and the ticked commitments
    expect(text).toContain(app.content.kpis[0].metric);
    expect(text).toContain('☑ 本人承诺所填报材料真实');
    expect(text).toContain('项目负责人（签字）');
    // the applicant's own document shows the lead's ID number unmasked
    expect(text).toContain(app.content.lead.idNumber);

    const audit = await s.env.platform.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'application.document.export')
      .where('object_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('answers another organisation exactly as reading the application does, and audits the refusal', async () => {
    const b = await makeApplicant(s.env, 'university');
    const read = await s.http(b.admin.cookie, 'GET', `/api/applications/${id}`);
    const doc = await s.http(b.admin.cookie, 'GET', `/api/applications/${id}/document?format=docx`);
    // reading another organisation's application is refused as other_org (403, application.policy)
    expect(read.statusCode).toBe(403);
    expect(doc.statusCode).toBe(read.statusCode);
    expect(doc.json().code).toBe(read.json().code);
    expect(doc.body).not.toContain(orgName);
    const denied = await s.env.platform.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('object_id', '=', id)
      .where('action', '=', 'permission.denied')
      .execute();
    expect(denied.filter((d) => JSON.stringify(d.detail).includes('application.read'))).toHaveLength(2);
    // staff do not see a draft; a missing application is 404; no session is 401
    expect((await s.http(s.staff, 'GET', `/api/applications/${id}/document`)).statusCode).toBe(
      (await s.http(s.staff, 'GET', `/api/applications/${id}`)).statusCode,
    );
    expect((await s.http(a.lead.cookie, 'GET', `/api/applications/nope/document`)).statusCode).toBe(404);
    expect((await s.http(null, 'GET', `/api/applications/${id}/document`)).statusCode).toBe(401);
    expect(
      (await s.http(a.lead.cookie, 'GET', `/api/applications/${id}/document?format=pdf`)).statusCode,
    ).toBe(400);
    // no receipt before submission
    expect((await s.http(a.lead.cookie, 'GET', `/api/applications/${id}/receipt/document`)).statusCode).toBe(
      404,
    );
  });

  it('after submission: the cover carries the receipt number and date; the receipt prints its time in Beijing time', async () => {
    await approve(s.env, id, a);
    const sub = await s.http(a.admin.cookie, 'POST', `/api/applications/${id}/submit`);
    expect(sub.statusCode).toBe(201);
    const receipt = sub.json();
    // DURING is 2023-10-20T10:00:00+08:00
    expect(receipt.submittedAtText).toBe('2023年10月20日 10:00:00 北京时间');
    expect(receipt.orgName).toBe(orgName);
    expect(receipt.projectTitle).toBe('概念验证中心建设项目');
    expect((await s.http(a.lead.cookie, 'GET', `/api/applications/${id}/receipt`)).json()).toEqual(receipt);

    const form = textOf(
      await documentXml(
        (await s.http(a.admin.cookie, 'GET', `/api/applications/${id}/document?format=docx`)).rawPayload,
      ),
    );
    expect(form).toContain(receipt.number);
    expect(form).toContain('2023年10月20日');

    const r = await s.http(a.admin.cookie, 'GET', `/api/applications/${id}/receipt/document?format=docx`);
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['content-disposition'])).toContain(
      encodeURIComponent(`申报回执-${receipt.number}.docx`),
    );
    const text = textOf(await documentXml(r.rawPayload));
    for (const v of [
      receipt.number,
      '2023年10月20日 10:00:00 北京时间',
      receipt.sha256,
      orgName,
      receipt.projectTitle,
    ])
      expect(text).toContain(v);

    // staff may read it once submitted, with personal data masked
    const staffDoc = await s.http(s.staff, 'GET', `/api/applications/${id}/document`);
    expect(staffDoc.statusCode).toBe(200);
    const staffText = textOf(await documentXml(staffDoc.rawPayload));
    expect(staffText).toContain(orgName);
    expect(staffText).not.toContain('110101199003071233');
    // every personal field by its schema kind, not only the keys named phone and idNumber
    for (const clear of ['13812345678', '13912345678', 'lead@example.cn'])
      expect(staffText).not.toContain(clear);
    expect(staffText).toContain('138****5678');
    const exports = await s.env.platform.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('object_id', '=', id)
      .where('action', 'in', ['application.document.export', 'application.receipt.export'])
      .execute();
    expect(exports.map((e) => e.action).sort()).toEqual([
      'application.document.export',
      'application.document.export',
      'application.document.export',
      'application.receipt.export',
    ]);
  });

  it('a project lead of another organisation is answered as reading the application is', async () => {
    const other = await loginAs(s.env, ['projectLead']);
    const doc = await s.http(other, 'GET', `/api/applications/${id}/document`);
    expect(doc.statusCode).toBe((await s.http(other, 'GET', `/api/applications/${id}`)).statusCode);
  });
});
