/** The receipt's text in each language (issue 11: the receipt appeared in English in the Chinese UI). */
import { describe, expect, it } from 'vitest';
import { receiptBody, receiptBodyEn, type ReceiptInfo } from './receipt.notify.js';

const r: ReceiptInfo = {
  applicationId: 'a1',
  number: 'KJ2023-0001',
  submittedAt: '2023-10-30 16:29:59',
  sha256: 'ab'.repeat(32),
  callNumber: '2023-科技-01',
  directionTitle: '人工智能',
  projectTitle: '智能检测',
  orgName: '上海测试大学',
};

describe('receipt notification text', () => {
  it('the Chinese text has no English sentence; the English text says the same things', () => {
    const zh = receiptBody(r);
    expect(zh).not.toMatch(/Submitted|Receipt|received/);
    expect(zh).toContain('回执编号：KJ2023-0001');
    const en = receiptBodyEn(r);
    // only the names typed in Chinese stay Chinese in the English text
    const names = [r.orgName, r.directionTitle, r.projectTitle!, r.callNumber];
    expect(names.reduce((t, n) => t.split(n).join(''), en)).not.toMatch(/[\u4e00-\u9fff]/);
    for (const v of [r.number, r.submittedAt, r.sha256, r.callNumber]) {
      expect(zh).toContain(v);
      expect(en).toContain(v);
    }
    expect(en).toContain('Receipt number: KJ2023-0001');
  });
});
