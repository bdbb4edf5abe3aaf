/**
 * The result of evaluating a rule, and how its zh/en reason is worded.
 */
import { ATTACHMENTS_FIELD, ruleFields, type Rule, type RuleKind } from './rule.schema.js';
import { describeRule, expectedText, interpolate, valueText } from './rule.describe.js';
import { absent } from './rule.facts.js';

export type Verdict = boolean | 'unknown';

export interface RuleResult {
  ruleId: string;
  kind: RuleKind;
  label: string;
  labelEn: string;
  passed: Verdict;
  /** false when a `when` condition did not hold: the rule does not apply and counts as passed. */
  applicable: boolean;
  severity: 'error' | 'warning';
  source?: string;
  /** The fact path read (leaf rules) or all paths read (ratio and combinators). */
  field: string | string[];
  actual: unknown;
  expected: string;
  expectedEn: string;
  /** The rule's explanation with {actual}/{expected}/{field} filled in. */
  explain: string;
  reason: { zh: string; en: string };
  /** Fact paths that were missing or malformed (only when passed is 'unknown'). */
  missing?: string[];
  children?: RuleResult[];
}

export type Outcome = Pick<RuleResult, 'passed' | 'actual'> & {
  applicable?: boolean;
  why?: { zh: string; en: string };
  missing?: string[];
  children?: RuleResult[];
};

export function finish(rule: Rule, p: Outcome): RuleResult {
  const fields = ruleFields(rule);
  const leafField = 'field' in rule && rule.kind !== 'ratio' ? (rule.field ?? ATTACHMENTS_FIELD) : undefined;
  const field = leafField ?? fields;
  const primary = leafField ?? fields[0] ?? '';
  const actualZh = absent(p.actual) ? '（未填写）' : valueText(primary, p.actual, 'zh');
  const actualEn = absent(p.actual) ? '(not given)' : valueText(primary, p.actual, 'en');
  const expected = expectedText(rule, 'zh');
  const expectedEn = expectedText(rule, 'en');
  const explain = interpolate(rule.explain, { actual: actualZh, expected, field: String(field) });
  const explainEn = rule.explainEn
    ? interpolate(rule.explainEn, { actual: actualEn, expected: expectedEn, field: String(field) })
    : describeRule(rule, 'en');
  const showActual = !Array.isArray(field) && !absent(p.actual);
  // an explanation that already interpolates {actual} does not need the "(actual …, required …)" tail
  const tailActual = showActual && !rule.explain.includes('{actual}');
  let reason: { zh: string; en: string };
  if (p.passed === 'unknown') {
    const why = p.why ?? { zh: '信息不完整', en: 'information incomplete' };
    reason = {
      zh: `无法判断：${bare(why.zh).replace(/。$/, '')}。${describeRule(rule, 'zh')}`,
      en: `Cannot judge: ${bare(why.en).replace(/\.$/, '')}. ${describeRule(rule, 'en')}`,
    };
  } else if (p.applicable === false) {
    reason = {
      zh: `不适用：${p.why?.zh ?? '条件不成立'}`,
      en: `Not applicable: ${p.why?.en ?? 'condition not met'}`,
    };
  } else if (p.passed) {
    reason = {
      zh: `符合：${describeRule(rule, 'zh')}${showActual ? `（实际：${actualZh}）` : ''}`,
      en: `Met: ${describeRule(rule, 'en')}${showActual ? ` (actual: ${actualEn})` : ''}`,
    };
  } else {
    const tail = p.why
      ? `（${bare(p.why.zh)}）`
      : tailActual
        ? `（实际：${actualZh}，要求：${expected}）`
        : '';
    const tailEn = p.why
      ? ` (${bare(p.why.en)})`
      : tailActual && !rule.explainEn?.includes('{actual}')
        ? ` (actual: ${actualEn}; required: ${expectedEn})`
        : '';
    reason = { zh: `不符合：${explain}${tail}`, en: `Not met: ${explainEn}${tailEn}` };
  }
  return {
    ruleId: rule.id,
    kind: rule.kind,
    label: rule.label,
    labelEn: rule.labelEn,
    passed: p.passed,
    applicable: p.applicable ?? true,
    severity: rule.severity ?? 'error',
    ...(rule.source ? { source: rule.source } : {}),
    field,
    actual: p.actual,
    expected,
    expectedEn,
    explain,
    reason,
    ...(p.passed === 'unknown' && p.missing?.length ? { missing: p.missing } : {}),
    ...(p.children ? { children: p.children } : {}),
  };
}

/** A nested reason without its verdict prefix, so "无法判断：无法判断：…" never happens. */
function bare(s: string): string {
  return s
    .split(/(?<=[；;]) ?/)
    .map((part) =>
      part.replace(/^(无法判断|不符合|符合|不适用)：|^(Cannot judge|Not met|Met|Not applicable): /, ''),
    )
    .join(s.includes('；') ? '' : ' ');
}

export function unknown(field: string | string[], actual: unknown, why: { zh: string; en: string }): Outcome {
  return { passed: 'unknown', actual, why, missing: Array.isArray(field) ? field : [field] };
}
