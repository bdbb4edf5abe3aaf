import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exportCall, importCall, type ImportFieldError } from './call.io.js';
import { CallSchema, kpiAmountFen, type Call } from './call.schema.js';
import { RuleSchema } from './rule.schema.js';

const fixtureText = readFileSync(new URL('./fixtures/guide-2023.json', import.meta.url), 'utf8');
const raw = (): any => JSON.parse(fixtureText);
function guide(): Call {
  const r = importCall(fixtureText);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.call;
}
const errorsOf = (input: unknown): ImportFieldError[] => {
  const r = importCall(input);
  if (r.ok) throw new Error('expected import to fail');
  return r.errors;
};

/** Reverses key order at every level, to show export does not depend on input order. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reverseKeys(x)]),
    );
  return v;
}

describe('exportCall / importCall round trip', () => {
  it('export(import(export(call))) is byte-identical', () => {
    const once = exportCall(guide());
    const r = importCall(once);
    expect(r.ok).toBe(true);
    if (r.ok) expect(exportCall(r.call)).toBe(once);
  });
  it('is stable whatever the key order of the input', () => {
    const r = importCall(reverseKeys(raw()));
    expect(r.ok).toBe(true);
    if (r.ok) expect(exportCall(r.call)).toBe(exportCall(guide()));
    expect(exportCall(guide()).startsWith('{\n  "schemaVersion": 1,\n  "year": 2023,')).toBe(true);
  });
  it('the fixture file itself is canonical except for formatting', () => {
    expect(JSON.parse(exportCall(guide()))).toEqual(raw());
  });
  it('exporting an invalid call throws instead of writing bad JSON', () => {
    const bad = { ...guide(), year: 1900 };
    expect(() => exportCall(bad)).toThrow();
  });
  it('the schemas convert to JSON Schema for the HTTP layer', () => {
    const js = z.toJSONSchema(CallSchema) as { type?: string; required?: string[] };
    expect(js.type).toBe('object');
    expect(js.required).toEqual(expect.arrayContaining(['year', 'number', 'window', 'topics']));
    expect(JSON.stringify(z.toJSONSchema(RuleSchema))).toContain('attachmentRequired');
  });
});

describe('importCall lists every wrong field with zh and en messages', () => {
  it('reports each of several independent mistakes by path', () => {
    const c = raw();
    c.year = '2023';
    c.status = 'open';
    c.window.closesAt = '2023-10-30T16:30:00Z';
    c.topics[0].directions[1].fundingRules.capPerProjectFen = 5_000_000.5;
    c.topics[0].directions[0].kpis[2].valueFen = 5_000_000_000; // 0.5 亿元, but value says 5 亿元
    c.topics[1].directions[0].eligibility[0].kind = 'between';
    c.topics[0].directions[2].fundingRules.capPerProjctFen = 1; // typo'd key
    delete c.topics[0].directions[0].goal;
    const errors = errorsOf(c);
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'year',
        'status',
        'window.closesAt',
        'topics.0.directions.1.fundingRules.capPerProjectFen',
        'topics.0.directions.0.kpis.2.valueFen',
        'topics.1.directions.0.eligibility.0.kind',
        'topics.0.directions.2.fundingRules.capPerProjctFen',
        'topics.0.directions.0.goal',
      ].sort(),
    );
    expect(byPath['year'].message).toBe('类型错误，应为数字');
    expect(byPath['status'].message).toBe('取值应为：draft、published、closed');
    expect(byPath['window.closesAt'].message).toMatch(/^格式不正确/);
    expect(byPath['topics.0.directions.1.fundingRules.capPerProjectFen'].messageEn).toMatch(/int/i);
    expect(byPath['topics.0.directions.0.kpis.2.valueFen'].message).toBe(
      'valueFen 应等于5亿元折合的分（50000000000）',
    );
    expect(byPath['topics.1.directions.0.eligibility.0.kind'].message).toContain('规则类型（kind）应为：');
    expect(byPath['topics.0.directions.2.fundingRules.capPerProjctFen'].message).toBe(
      '不认识的字段「capPerProjctFen」',
    );
    expect(byPath['topics.0.directions.0.goal'].message).toBe('缺少必填字段');
    for (const e of errors) {
      expect(e.message.length).toBeGreaterThan(0);
      expect(e.messageEn.length).toBeGreaterThan(0);
    }
  });
  it('checks the window order and the execution period', () => {
    const c = raw();
    c.window.closesAt = '2023-10-11T08:59:59+08:00';
    c.topics[1].directions[0].executionPeriod = { start: '2025-10-31', end: '2023-11-01' };
    const paths = errorsOf(c).map((e) => [e.path, e.message]);
    expect(paths).toEqual([
      ['window.closesAt', '截止时间必须晚于起始时间'],
      ['topics.1.directions.0.executionPeriod.end', '执行期限的结束日期早于开始日期'],
    ]);
  });
  it('rejects an impossible date and duplicate direction codes', () => {
    const c = raw();
    c.topics[0].directions[0].executionPeriod.end = '2026-02-30';
    c.topics[1].directions[0].code = '1';
    expect(errorsOf(c).map((e) => [e.path, e.message])).toEqual([
      ['topics.0.directions.0.executionPeriod.end', '不是有效的日期'],
      ['topics.1.directions.0.code', '方向编码重复：1'],
    ]);
  });
  it('rejects text that is not JSON, and a non-object', () => {
    expect(errorsOf('{"year": 2023,')[0]).toMatchObject({ path: '(root)', code: 'invalid_json' });
    expect(errorsOf(42)[0]).toMatchObject({ path: '(root)', code: 'invalid_type' });
  });
  it('a nested rule with a bad field path is reported at its own path', () => {
    const c = raw();
    c.commonAttachments[1].when.field = 'excludedExperts';
    expect(errorsOf(c).map((e) => e.path)).toEqual(['commonAttachments.1.when.field']);
  });
});

describe('money KPIs are exact', () => {
  it('converts the guide units to fen with integer arithmetic', () => {
    expect(kpiAmountFen(5, '亿元')).toBe(50_000_000_000n);
    expect(kpiAmountFen(5000, '万元')).toBe(5_000_000_000n);
    expect(kpiAmountFen(0.3, '亿元')).toBe(3_000_000_000n); // 0.3 × 10^10 in floats is 2999999999.9999995
    expect(kpiAmountFen(1.005, '元')).toBeNull(); // not a whole number of fen
  });
});
