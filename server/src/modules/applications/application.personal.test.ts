import { describe, expect, it } from 'vitest';
import { loginAs } from '../../testing/factories.js';
import {
  approve,
  fillApplication,
  makeApplicant,
  makeDistrictOfficer,
  programmeSuite,
} from './programme.testkit.js';

/**
 * Issue 10, fix first 4: an application's personal data (the applicant's contact phone, the lead's
 * phone, e-mail and ID number) reaches people outside the applicant organisation masked — staff,
 * auditors and the district — and the applicant organisation itself in clear (it edits them).
 */
const s = programmeSuite('personal-');

describe('personal data in application views', () => {
  it('is masked for staff, auditors and the district, and clear for the applicant', async () => {
    const { env, http, call, callId } = s;
    const ent = await makeApplicant(env, 'enterprise', '上海市徐汇区');
    const xuhui = await makeDistrictOfficer(env, '上海市徐汇区');
    const id = await fillApplication(env, call, callId, ent, '3');
    await approve(env, id, ent, xuhui);
    expect((await http(ent.admin.cookie, 'POST', `/api/applications/${id}/submit`)).statusCode).toBe(201);

    const viewers: Record<string, string> = {
      commissionStaff: s.staff,
      auditor: await loginAs(env, ['auditor']),
      districtOfficer: xuhui.cookie,
    };
    const versions = (await http(ent.admin.cookie, 'GET', `/api/applications/${id}/versions`)).json().items;
    const latest = Math.max(...versions.map((v: { version: number }) => v.version));
    for (const [role, cookie] of Object.entries(viewers)) {
      for (const url of [`/api/applications/${id}`, `/api/applications/${id}/versions/${latest}`]) {
        const res = await http(cookie, 'GET', url);
        expect(res.statusCode, `${role} ${url}`).toBe(200);
        const { applicant, lead } = res.json().content;
        expect(applicant.contactPhone, `${role} ${url} applicant.contactPhone`).toBe('138****5678');
        expect(lead.phone, `${role} ${url} lead.phone`).toBe('139****5678');
        expect(lead.idNumber, `${role} ${url} lead.idNumber`).toBe('110101********1233');
        expect(lead.email, `${role} ${url} lead.email`).not.toBe('lead@example.cn');
        expect(res.body, `${role} ${url}`).not.toContain('13812345678');
      }
    }
    const own = (await http(ent.admin.cookie, 'GET', `/api/applications/${id}`)).json().content;
    expect(own.applicant.contactPhone).toBe('13812345678');
    expect(own.lead.idNumber).toBe('110101199003071233');
    expect(own.lead.email).toBe('lead@example.cn');
  });
});
