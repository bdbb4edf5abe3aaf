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
  type Comparator,
  type ElementPredicate,
  type Rule,
} from './rule.schema.js';
import { withinDivision } from '../../platform/divisions.js';
import { describeRule, fieldInfo, fieldLabel, valueText } from './rule.describe.js';
import { absent, getPath, problem, type ApplicationFacts, type Facts } from './rule.facts.js';
import { finish, unknown, type Outcome, type RuleResult, type Verdict } from './rule.result.js';

export { getPath } from './rule.facts.js';
export type { ApplicationFacts, Facts } from './rule.facts.js';
export type { RuleResult, Verdict } from './rule.result.js';

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
      const wanted = rule.kind === 'in' ? rule.values : [rule.value];
      // a division code lies in a wanted division (310110 is in 310000); other facts compare equal
      const same = fieldInfo(rule.field).division
        ? (x: unknown) => typeof x === 'string' && typeof v === 'string' && withinDivision(v, x)
        : (x: unknown) => x === v;
      return { passed: wanted.some(same), actual: v };
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
          const row = Number(/\[(\d+)\]/.exec(m)?.[1] ?? 0) + 1;
          // by label and row, never by path (the path stays in `missing`)
          return {
            zh: `第${row}位的${labels[key]?.zh ?? key}`,
            en: `${labels[key]?.en ?? key} of entry ${row}`,
          };
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
