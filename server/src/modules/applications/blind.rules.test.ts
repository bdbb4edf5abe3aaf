import { describe, expect, it } from 'vitest';
import { identityStrings, REDACTED, reviewDocument } from './blind.rules.js';

const content = {
  applicant: { legalForm: 'legalPerson', contactName: '赵敏', contactPhone: '13800001234' },
  lead: { name: '李明', phone: '13900005678', email: 'li.ming@sjtu.edu.cn', idNumber: '110105194912310029' },
  project: {
    title: '上海交通大学概念验证中心建设',
    summary: '依托上海交通大学与李明团队的成果，周海负责技术转移。',
    keywords: ['概念验证', '上海交通大学'],
  },
  feasibilityPlan: { sections: [{ key: 'basis', title: '工作基础', text: '由李明牵头，张江实验室参与。' }] },
  budget: { requestedGrantFen: 300_000_000, firstYearRequestFen: 150_000_000, selfFundingFen: 600_000_000 },
  kpis: [{ metric: '服务项目数', comparator: '>=', value: 30, unit: '项' }],
  team: { members: [{ name: '周海', role: '核心成员', employer: '张江实验室' }] },
  excludedExperts: [{ name: '王立群', employer: '复旦大学', reason: '竞争关系' }],
};

describe('the expert’s copy of an application', () => {
  it('names to hide: the organisation, contact, lead, team members and employers, longest first', () => {
    expect(identityStrings(content, '上海交通大学')).toEqual([
      '上海交通大学',
      '张江实验室',
      '周海',
      '李明',
      '赵敏',
    ]);
  });

  it('blind: no identity string, phone, e-mail, ID number or avoidance list survives anywhere in the copy', () => {
    const doc = reviewDocument(content, identityStrings(content, '上海交通大学'));
    const all = JSON.stringify(doc);
    for (const s of [
      '上海交通大学',
      '李明',
      '周海',
      '张江实验室',
      '赵敏',
      '王立群',
      '复旦大学',
      '13800001234',
      '13900005678',
      'sjtu',
      '110105',
    ])
      expect(all).not.toContain(s);
    expect(doc.project.title).toBe(`${REDACTED}概念验证中心建设`);
    expect(doc.feasibilityPlan[0]).toEqual({
      title: '工作基础',
      text: `由${REDACTED}牵头，${REDACTED}参与。`,
    });
    expect(doc.budget.requestedGrantFen).toBe(300_000_000);
    expect(doc.kpis).toEqual([{ metric: '服务项目数', comparator: '>=', value: 30, unit: '项' }]);
  });

  it('not blind: the text as written, still without the applicant, lead and team sections', () => {
    const doc = reviewDocument(content, []);
    expect(doc.project.summary).toContain('上海交通大学');
    expect(JSON.stringify(doc)).not.toContain('13900005678');
    expect(JSON.stringify(doc)).not.toContain('王立群');
  });
});
