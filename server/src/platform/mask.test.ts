import { describe, expect, it } from 'vitest';
import { keyKind, maskPersonal, scrubText } from './mask.js';
import { redactLogValue } from './log.js';

/**
 * What has no schema — audit records' before/after/detail, dead jobs' payloads, log lines — is masked
 * by what its keys name. A key-name list of exact spellings missed `contactPhone` (issue 10, fix 4)
 * and every e-mail address: the audit export carried an achievement's researcher e-mail in clear.
 */
const record = {
  applicant: { contactName: '姚联系', contactPhone: '13700001111' },
  lead: { phone: '13600002222', email: 'lead@leak-test.cn', idNumber: '310101198506123016' },
  lead_id_number: '310101198506123016',
  leadPhone: '13600002222',
  researcherContact: { name: '钮研究', phone: '13400005555', email: 'researcher@leak-test.cn' },
  contactEmail: 'objector@leak-test.cn',
  user: { mobile: '13900004444', idCard: '310115199001014527', passwordHash: '$argon2id$v=19$x' },
  title: '硅光芯片 13812345678 的成果',
};

describe('masking by key name (data without a schema)', () => {
  it('classifies compound and snake_case keys', () => {
    expect(
      ['contactPhone', 'leadPhone', 'phone_number', 'mobile', 'lead_id_number', 'idCard', 'leadIdCard'].map(
        keyKind,
      ),
    ).toEqual(['phone', 'phone', 'phone', 'phone', 'idNumber', 'idNumber', 'idNumber']);
    expect(['email', 'contactEmail', 'lead_email', 'emailAddress'].map(keyKind)).toEqual([
      'email',
      'email',
      'email',
      'email',
    ]);
    expect(['passwordHash', 'totp_secret', 'token'].map(keyKind)).toEqual(['secret', 'secret', 'secret']);
    expect(['title', 'name', 'status', 'orgId'].map(keyKind)).toEqual(['plain', 'plain', 'plain', 'plain']);
  });

  it('masks every phone, ID number and e-mail of a nested record, at any depth (audit, jobs)', () => {
    const m = maskPersonal(record);
    const text = JSON.stringify(m);
    for (const v of [
      '13700001111',
      '13600002222',
      '13400005555',
      '13900004444',
      '310101198506123016',
      '310115199001014527',
      'lead@leak-test.cn',
      'researcher@leak-test.cn',
      'objector@leak-test.cn',
      '$argon2id$',
    ])
      expect(text).not.toContain(v);
    expect(m.applicant.contactPhone).toBe('137****1111');
    expect(m.researcherContact.email).toBe('r***@leak-test.cn');
    expect(m.lead_id_number).toBe('310101********3016');
    // names are business information (personal.rules.ts); free text is left to the log's scrubber
    expect(m.applicant.contactName).toBe('姚联系');
  });

  it('the log masks the same keys, e-mail included', () => {
    const text = JSON.stringify(redactLogValue({ detail: record }));
    for (const v of ['13700001111', 'lead@leak-test.cn', 'researcher@leak-test.cn', '310115199001014527'])
      expect(text).not.toContain(v);
  });

  it('free text loses e-mail addresses too (an SMTP reply in a log line), masked ones stay', () => {
    const line = scrubText('550 5.1.1 <zhang.san@example.cn>: rejected; retry z***@example.cn, 13812345678');
    expect(line).toBe('550 5.1.1 <z***@example.cn>: rejected; retry z***@example.cn, 138****5678');
    expect(scrubText('@fastify/cookie at node_modules/.pnpm')).toBe('@fastify/cookie at node_modules/.pnpm');
  });
});
