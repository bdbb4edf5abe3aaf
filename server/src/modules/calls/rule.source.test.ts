/**
 * issue 8 §6: a rule's `source` names any document — a guide's number and section, a management
 * rule, an evaluation report — not only "guide 2023 §…". It stays meaningful: non-empty, bounded,
 * one line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { loginAs } from '../../testing/factories.js';
import { importCall } from './call.io.js';
import { RuleSourceSchema } from './rule.schema.js';
import { guide2023 } from '../applications/programme.fixtures.js';
import { httpOf } from '../applications/programme.testkit.js';

const REFERENCES = [
  '沪科指南〔2023〕21号 §二.7',
  'seed 003 footnote 4',
  '绩效评价报告(2024) §二 B22',
  '上海市科技计划项目管理办法 第十二条',
  'guide 2023 §二.1',
  'issue',
  'platform',
];

describe('rule source', () => {
  it.each(REFERENCES)('accepts the document reference %s', (s) => {
    expect(RuleSourceSchema.safeParse(s).success).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    [' 沪科指南〔2023〕21号', 'leading space'],
    ['沪科指南\n§二.7', 'two lines'],
    ['§§ —', 'no letter or digit'],
    ['x'.repeat(201), 'longer than 200 characters'],
  ])('refuses %j (%s)', (s) => {
    expect(RuleSourceSchema.safeParse(s).success).toBe(false);
  });

  it('a call whose rules cite a guide number, a seed footnote and an evaluation report imports', () => {
    const call = guide2023();
    call.commonEligibility[0].source = REFERENCES[0];
    call.commonEligibility[1].source = REFERENCES[1];
    call.topics[0].directions[0].fundingRules.source = REFERENCES[2];
    const r = importCall(call);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('a bad source is reported with its path in Chinese and English', () => {
    const call = guide2023();
    call.commonEligibility[0].source = '';
    const r = importCall(call);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.path === 'commonEligibility.0.source');
    expect(e?.message).toMatch(/不能为空|至少/);
    expect(e?.messageEn).toBeTruthy();
  });
});

describe('rule source through the API (both databases)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('POST /api/calls/import stores a rule citing 沪科指南〔2023〕21号 §二.7 and returns it', async () => {
    const http = httpOf(env);
    const staff = await loginAs(env, ['programmeOfficeStaff']);
    const call = guide2023();
    call.status = 'draft';
    call.commonEligibility[0].source = REFERENCES[0];
    const res = await http(staff, 'POST', '/api/calls/import', call);
    expect(res.statusCode, res.body).toBe(201);
    const stored = res.json().content.commonEligibility[0].source;
    expect(stored).toBe('沪科指南〔2023〕21号 §二.7');
    const pub = await http(null, 'GET', `/api/calls/${res.json().id}/public`);
    expect(pub.statusCode).toBe(404); // a draft has no public page; the source is kept on the call
  });
});
