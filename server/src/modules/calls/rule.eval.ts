/**
 * Evaluates rules against facts. Pure: no I/O, no clock, no floats for money or ratios.
 *
 * Three-valued result: true (met), false (not met), 'unknown' (a fact the rule reads is missing or has
 * the wrong type — the reason names the field, so the live checklist can say what to fill in).
 * Combinators use Kleene logic: `all` is false if any child is false, else unknown if any is unknown;
 * `any` is true if any child is true, else unknown if any is unknown; `not` keeps unknown.
 * A `when` rule (or an attachment rule with `when`) whose condition is false passes as not applicable.
 */
import {
  ATTACHMENTS_FIELD,
  ELEMENT_FIELDS,
  ruleFields,
  type Comparator,
  type ElementPredicate,
  type Rule,
  type RuleKind,
} from './rule.schema.js';
import {
  describeRule,
  expectedText,
  fieldLabel,
  interpolate,
  isMoneyField,
  valueText,
} from './rule.describe.js';

/** Facts a rule reads: `{ org, application, lead, context }`, addressed by dotted paths. */
export type Facts = Record<string, unknown>;

/** The documented shape of facts (everything optional: the live checklist runs on half-filled forms). */
export interface ApplicationFacts {
  org?: {
    type?: string;
    legalForm?: 'legalPerson' | 'unincorporated';
    /** Administrative division code of the place of registration; 310000 = 上海市. */
    registeredRegion?: string;
    prevYearRevenueFen?: number;
  };
  application?: {
    budget?: {
      selfFundingFen?: number;
      requestedGrantFen?: number;
      firstYearRequestFen?: number;
      districtMatchingFen?: number;
      techManagerTrainingFen?: number;
    };
    team?: {
      techManagers?: {
        name?: string;
        role?: 'lead' | 'core';
        yearsFullTime?: number;
        isProjectLead?: boolean;
      }[];
    };
    attachments?: { type: string; fileId?: string; name?: string }[];
    excludedExperts?: { name: string; reason?: string }[];
    claimsTechIncome?: boolean;
    declarations?: { integrityCommitment?: boolean; noClassifiedContent?: boolean };
  };
  lead?: { ongoingCommissionProjects?: number };
  /** Computed by the service: other applications by the same organisation to this call, this year. */
  context?: { orgApplicationsThisYear?: number };
}

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

export function getPath(facts: unknown, path: string): unknown {
  let cur: unknown = facts;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const absent = (v: unknown) => v === undefined || v === null;

function cmp(a: bigint | number, op: Comparator | '!=', b: bigint | number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '=':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** Why a fact cannot be judged; null when it can. */
function problem(
  field: string,
  v: unknown,
  want: 'number' | 'array' | 'scalar',
): { zh: string; en: string } | null {
  const name = fieldLabel(field, 'zh');
  const nameEn = fieldLabel(field, 'en');
  if (absent(v)) return { zh: `未填写「${name}」（${field}）`, en: `"${nameEn}" (${field}) is missing` };
  if (want === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v))
      return { zh: `「${name}」（${field}）应为数字`, en: `"${nameEn}" (${field}) must be a number` };
    if (isMoneyField(field) && !Number.isSafeInteger(v))
      return {
        zh: `「${name}」（${field}）应为整数分`,
        en: `"${nameEn}" (${field}) must be a whole number of fen`,
      };
  }
  if (want === 'array' && !Array.isArray(v))
    return { zh: `「${name}」（${field}）应为列表`, en: `"${nameEn}" (${field}) must be a list` };
  if (want === 'scalar' && typeof v === 'object')
    return { zh: `「${name}」（${field}）格式不正确`, en: `"${nameEn}" (${field}) has the wrong shape` };
  return null;
}

type Outcome = Pick<RuleResult, 'passed' | 'actual'> & {
  applicable?: boolean;
  why?: { zh: string; en: string };
  missing?: string[];
  children?: RuleResult[];
};

function finish(rule: Rule, p: Outcome): RuleResult {
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
      zh: `无法判断：${why.zh}。${describeRule(rule, 'zh')}`,
      en: `Cannot judge: ${why.en}. ${explainEn}`,
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
    const tail = p.why ? `（${p.why.zh}）` : tailActual ? `（实际：${actualZh}，要求：${expected}）` : '';
    const tailEn = p.why
      ? ` (${p.why.en})`
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

function unknown(field: string | string[], actual: unknown, why: { zh: string; en: string }): Outcome {
  return { passed: 'unknown', actual, why, missing: Array.isArray(field) ? field : [field] };
}

function matches(
  arrayField: string,
  el: unknown,
  p: ElementPredicate,
  index: number,
): Verdict | { path: string } {
  const v = getPath(el, p.field);
  const path = `${arrayField}[${index}].${p.field}`;
  if (absent(v)) return { path };
  if (p.op === 'in') return (Array.isArray(p.value) ? p.value : [p.value]).some((x) => x === v);
  if (p.op === '=' || p.op === '!=') return p.op === '=' ? v === p.value : v !== p.value;
  if (typeof v !== 'number' || typeof p.value !== 'number') return { path };
  return cmp(v, p.op, p.value);
}

function combine(verdicts: Verdict[], mode: 'all' | 'any'): Verdict {
  const decisive = mode === 'all' ? false : true;
  if (verdicts.includes(decisive)) return decisive;
  if (verdicts.includes('unknown')) return 'unknown';
  return !decisive;
}

/** Evaluates one rule against facts. Never throws for missing or malformed facts. */
export function evaluateRule(rule: Rule, facts: Facts | ApplicationFacts): RuleResult {
  return finish(rule, evaluatePartial(rule, facts as Facts));
}

function evaluatePartial(rule: Rule, facts: Facts): Outcome {
  switch (rule.kind) {
    case 'in':
    case 'equals': {
      const v = getPath(facts, rule.field);
      const bad = problem(rule.field, v, 'scalar');
      if (bad) return unknown(rule.field, v, bad);
      const ok = rule.kind === 'in' ? rule.values.some((x) => x === v) : v === rule.value;
      return { passed: ok, actual: v };
    }
    case 'compare':
    case 'cap': {
      const v = getPath(facts, rule.field);
      const bad = problem(rule.field, v, 'number');
      if (bad) return unknown(rule.field, v, bad);
      const ok =
        rule.kind === 'cap' ? cmp(v as number, '<=', rule.max) : cmp(v as number, rule.op, rule.value);
      return { passed: ok, actual: v };
    }
    case 'ratio': {
      const a = getPath(facts, rule.field);
      const b = getPath(facts, rule.denominatorField);
      const badA = problem(rule.field, a, 'number');
      const badB = problem(rule.denominatorField, b, 'number');
      const missing = [badA ? rule.field : null, badB ? rule.denominatorField : null].filter(
        (x): x is string => x !== null,
      );
      if (badA || badB) {
        const why = [badA, badB].filter((x): x is { zh: string; en: string } => x !== null);
        return unknown(
          missing,
          { [rule.field]: a, [rule.denominatorField]: b },
          {
            zh: why.map((w) => w.zh).join('；'),
            en: why.map((w) => w.en).join('; '),
          },
        );
      }
      if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) {
        return unknown(
          [rule.field, rule.denominatorField],
          { [rule.field]: a, [rule.denominatorField]: b },
          {
            zh: '比例只对整数（分）作精确计算',
            en: 'ratios are computed exactly on whole numbers (fen) only',
          },
        );
      }
      // a : b  op  ra : rb   ⇔   a·rb  op  b·ra   (both sides non-negative; BigInt keeps it exact)
      const lhs = BigInt(a as number) * BigInt(rule.ratio.b);
      const rhs = BigInt(b as number) * BigInt(rule.ratio.a);
      const ok = cmp(lhs, rule.op ?? '>=', rhs);
      const shown = {
        zh: `${fieldLabel(rule.field, 'zh')}${valueText(rule.field, a, 'zh')}，${fieldLabel(rule.denominatorField, 'zh')}${valueText(rule.denominatorField, b, 'zh')}`,
        en: `${fieldLabel(rule.field, 'en')} ${valueText(rule.field, a, 'en')}, ${fieldLabel(rule.denominatorField, 'en')} ${valueText(rule.denominatorField, b, 'en')}`,
      };
      return {
        passed: ok,
        actual: { [rule.field]: a, [rule.denominatorField]: b },
        why: ok ? undefined : shown,
      };
    }
    case 'count': {
      const arr = getPath(facts, rule.field);
      const bad = problem(rule.field, arr, 'array');
      if (bad) return unknown(rule.field, arr, bad);
      const list = arr as unknown[];
      let n = 0;
      const missing: string[] = [];
      list.forEach((el, i) => {
        const vs = (rule.where ?? []).map((p) => matches(rule.field, el, p, i));
        const gaps = vs.filter((x): x is { path: string } => typeof x === 'object');
        if (gaps.length && !vs.includes(false)) missing.push(...gaps.map((g) => g.path));
        else if (!vs.includes(false)) n += 1;
      });
      if (missing.length) {
        const labels = ELEMENT_FIELDS[rule.field] ?? {};
        const named = missing.map((m) => {
          const key = m.replace(/^.*\]\./, '');
          return { zh: `${labels[key]?.zh ?? key}（${m}）`, en: `${labels[key]?.en ?? key} (${m})` };
        });
        return unknown(missing, list.length, {
          zh: `未填写${named.map((x) => x.zh).join('、')}`,
          en: `missing ${named.map((x) => x.en).join(', ')}`,
        });
      }
      return { passed: cmp(n, rule.op, rule.value), actual: n };
    }
    case 'attachmentRequired': {
      const field = rule.field ?? ATTACHMENTS_FIELD;
      if (rule.when) {
        const cond = evaluateRule(rule.when, facts);
        if (cond.passed === 'unknown')
          return {
            passed: 'unknown',
            actual: undefined,
            why: cond.reason,
            missing: cond.missing,
            children: [cond],
          };
        if (!cond.passed)
          return {
            passed: true,
            applicable: false,
            actual: undefined,
            why: {
              zh: `${describeRule(rule.when, 'zh')}不成立`,
              en: `${describeRule(rule.when, 'en')} does not hold`,
            },
            children: [cond],
          };
      }
      const arr = getPath(facts, field);
      const bad = problem(field, arr, 'array');
      if (bad) return unknown(field, arr, bad);
      const present = (arr as unknown[]).some((x) => getPath(x, 'type') === rule.attachmentType);
      return {
        passed: present,
        actual: (arr as unknown[]).map((x) => getPath(x, 'type')),
        why: present
          ? undefined
          : {
              zh: `尚未上传「${rule.attachmentLabel}」`,
              en: `"${rule.attachmentLabel}" has not been uploaded`,
            },
      };
    }
    case 'all':
    case 'any': {
      const children = rule.rules.map((r) => evaluateRule(r, facts));
      const passed = combine(
        children.map((c) => c.passed),
        rule.kind,
      );
      const blocking = children.filter((c) => c.passed === (passed === 'unknown' ? 'unknown' : false));
      const why =
        passed === true
          ? undefined
          : {
              zh: blocking.map((c) => c.reason.zh).join('；'),
              en: blocking.map((c) => c.reason.en).join('; '),
            };
      const missing = children.flatMap((c) => c.missing ?? []);
      return { passed, actual: undefined, why, missing, children };
    }
    case 'not': {
      const child = evaluateRule(rule.rule, facts);
      const passed: Verdict = child.passed === 'unknown' ? 'unknown' : !child.passed;
      return {
        passed,
        actual: child.actual,
        why: passed === true ? undefined : child.reason,
        missing: child.missing,
        children: [child],
      };
    }
    case 'when': {
      const cond = evaluateRule(rule.condition, facts);
      if (cond.passed === 'unknown')
        return {
          passed: 'unknown',
          actual: undefined,
          why: cond.reason,
          missing: cond.missing,
          children: [cond],
        };
      const branch = cond.passed ? rule.then : rule.otherwise;
      if (!branch)
        return {
          passed: true,
          applicable: false,
          actual: undefined,
          why: {
            zh: `${describeRule(rule.condition, 'zh')}不成立`,
            en: `${describeRule(rule.condition, 'en')} does not hold`,
          },
          children: [cond],
        };
      const res = evaluateRule(branch, facts);
      return {
        passed: res.passed,
        actual: res.actual,
        why: res.passed === true ? undefined : res.reason,
        missing: res.missing,
        children: [cond, res],
      };
    }
  }
}
