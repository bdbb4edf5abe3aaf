/**
 * KPI commitments (考核指标承诺) judged against the direction's KPIs: the commitment's unit is converted
 * exactly to the KPI's (calls/kpi.units.ts), a unit of another dimension is refused naming the field,
 * and both comparators count. Pure.
 *
 * Old drafts stay readable: a commitment without a unit (or with an empty one) is read in the KPI's
 * unit, one without a comparator as the KPI's comparator, and the finding says so.
 */
import type { Direction, Kpi } from '../calls/index.js';
import {
  CMP_SYMBOL,
  DIMENSION_LABEL,
  commitmentMeets,
  dimensionOf,
  inUnit,
  isComparator,
  toBase,
  unitsFitting,
} from '../calls/index.js';
import type { Comparator } from '../calls/index.js';
import { tally, type Finding, type ScreeningResult } from '../calls/index.js';

export interface ContentFinding {
  id: string;
  label: string;
  labelEn: string;
  passed: boolean | 'unknown';
  field: string;
  reason: { zh: string; en: string };
}

/** The direction's KPIs that apply to an organisation of this (rule) type. */
export function applicableKpis(direction: Direction, orgType: string): Kpi[] {
  return direction.kpis.filter((k) => !k.appliesTo || k.appliesTo.orgTypes.includes(orgType as never));
}

const target = (k: Kpi, lang: 'zh' | 'en') =>
  `${CMP_SYMBOL[k.comparator]} ${k.value}${lang === 'en' ? ' ' : ''}${k.unit}`;

function kpiBase(k: Kpi) {
  if (k.valueFen !== undefined && dimensionOf(k.unit) === 'money')
    return { num: BigInt(k.valueFen), den: 1n };
  const b = toBase(k.value, k.unit);
  return 'error' in b ? null : b;
}

/** Whether the commitment is bounded on the wrong side for this KPI (≤ against ≥, …). */
function wrongSide(c: Comparator, k: Comparator): boolean {
  if (k === '>=' || k === '>') return c === '<=' || c === '<';
  if (k === '<=' || k === '<') return c === '>=' || c === '>';
  return c !== '=';
}

/** One finding per applicable KPI: committed? in a fitting unit? does it meet the KPI exactly? */
export function kpiFindings(
  content: Record<string, unknown>,
  direction: Direction,
  ruleOrgType: string,
): ContentFinding[] {
  const commitments = Array.isArray(content.kpis) ? (content.kpis as unknown[]) : [];
  return applicableKpis(direction, ruleOrgType).map((k) => {
    const metricEn = k.metricEn ?? k.metric;
    const head = { id: `kpi.${k.id}`, label: `考核指标：${k.metric}`, labelEn: `KPI: ${metricEn}` };
    const i = commitments.findIndex(
      (x) => !!x && typeof x === 'object' && (x as Record<string, unknown>).kpiId === k.id,
    );
    const c = (i >= 0 ? commitments[i] : {}) as Record<string, unknown>;
    if (i < 0 || typeof c.value !== 'number')
      return {
        ...head,
        field: i < 0 ? 'kpis' : `kpis.${i}.value`,
        passed: 'unknown' as const,
        reason: {
          zh: `请承诺考核指标「${k.metric}」（指南要求 ${target(k, 'zh')}）`,
          en: `Commit to the KPI "${metricEn}" (the guide requires ${target(k, 'en')})`,
        },
      };
    const value = c.value;
    const given = typeof c.unit === 'string' ? c.unit.trim() : '';
    const unit = given || k.unit;
    const comparator: Comparator = isComparator(c.comparator) ? c.comparator : k.comparator;
    const notesZh: string[] = [];
    const notesEn: string[] = [];
    if (!given) {
      notesZh.push(`未填写单位，按指标单位「${k.unit}」计`);
      notesEn.push(`no unit given: read in the KPI's unit ${k.unit}`);
    }
    if (!isComparator(c.comparator)) {
      notesZh.push(`未填写比较方式，按指南的「${CMP_SYMBOL[k.comparator]}」计`);
      notesEn.push(`no comparator given: read as the guide's ${CMP_SYMBOL[k.comparator]}`);
    }
    const noteZh = notesZh.length ? `（${notesZh.join('；')}）` : '';
    const noteEn = notesEn.length ? ` (${notesEn.join('; ')})` : '';
    const fits = unitsFitting(k.unit);
    if (!fits.includes(unit)) {
      const du = DIMENSION_LABEL[dimensionOf(unit)];
      const dk = DIMENSION_LABEL[dimensionOf(k.unit)];
      return {
        ...head,
        field: `kpis.${i}.unit`,
        passed: false,
        reason: {
          zh: `「${k.metric}」承诺的单位「${unit}」（${du.zh}）与指南指标的单位「${k.unit}」（${dk.zh}）不符，请改用${fits.map((u) => `「${u}」`).join('')}（字段 kpis.${i}.unit）`,
          en: `kpis.${i}.unit: the unit "${unit}" (${du.en}) does not fit the KPI "${metricEn}", counted in ${k.unit} (${dk.en}); use ${fits.join(', ')}`,
        },
      };
    }
    const base = toBase(value, unit);
    const kb = kpiBase(k);
    if ('error' in base || !kb)
      return {
        ...head,
        field: `kpis.${i}.value`,
        passed: false,
        reason: {
          zh: `「${k.metric}」承诺值 ${value}${unit} 不是整数分（1分=0.01元），请核对（字段 kpis.${i}.value）`,
          en: `kpis.${i}.value: ${value} ${unit} is not a whole number of fen (0.01 yuan)`,
        },
      };
    const committed = `${CMP_SYMBOL[comparator]} ${value}${unit}`;
    const committedEn = `${CMP_SYMBOL[comparator]} ${value} ${unit}`;
    const conv = unit === k.unit ? '' : `（合 ${inUnit(base, k.unit)}${k.unit}）`;
    const convEn = unit === k.unit ? '' : ` (= ${inUnit(base, k.unit)} ${k.unit})`;
    const passed = commitmentMeets(comparator, base, k.comparator, kb);
    const field = `kpis.${i}`;
    if (passed)
      return {
        ...head,
        field,
        passed,
        reason: {
          zh: `已承诺「${k.metric}」${committed}${conv}，达到指南要求 ${target(k, 'zh')}${noteZh}`,
          en: `Committed ${committedEn}${convEn}, meeting the guide's ${target(k, 'en')}${noteEn}`,
        },
      };
    const side = wrongSide(comparator, k.comparator);
    return {
      ...head,
      field,
      passed,
      reason: side
        ? {
            zh: `「${k.metric}」承诺 ${committed}${conv} 不能保证达到指南要求 ${target(k, 'zh')}（比较方式应为「${CMP_SYMBOL[k.comparator]}」）${noteZh}`,
            en: `The commitment ${committedEn}${convEn} does not promise the guide's ${target(k, 'en')} (use ${CMP_SYMBOL[k.comparator]})${noteEn}`,
          }
        : {
            zh: `「${k.metric}」承诺 ${committed}${conv}，未达到指南要求 ${target(k, 'zh')}${noteZh}`,
            en: `The commitment ${committedEn}${convEn} does not meet the guide's ${target(k, 'en')}${noteEn}`,
          },
    };
  });
}

/** A KPI finding as a screening finding (group `kpis`), so staff see, confirm and override it like a rule. */
export function kpiAsFinding(f: ContentFinding, k: Kpi | undefined): Finding {
  return {
    ruleId: f.id,
    kind: 'compare',
    label: f.label,
    labelEn: f.labelEn,
    passed: f.passed,
    applicable: true,
    severity: 'error',
    ...(k?.source ? { source: k.source } : {}),
    field: f.field,
    actual: undefined,
    expected: k ? target(k, 'zh') : '',
    expectedEn: k ? target(k, 'en') : '',
    explain: f.reason.zh,
    reason: f.reason,
    group: 'kpis',
    origin: 'kpis',
  };
}

/**
 * A stored screening result with the KPI findings of `content` judged now (replacing any the result
 * already holds), counts and overall recomputed. Submitted content does not change, so this is what
 * the submission would have been judged with under these rules.
 */
export function withKpiFindings(
  result: ScreeningResult,
  content: Record<string, unknown>,
  direction: Direction,
  ruleOrgType: string,
): ScreeningResult {
  const byId = new Map(direction.kpis.map((k) => [`kpi.${k.id}`, k]));
  const kpis = kpiFindings(content, direction, ruleOrgType).map((f) => kpiAsFinding(f, byId.get(f.id)));
  const findings = [...result.findings.filter((f) => f.group !== 'kpis'), ...kpis];
  const { overall, ...counts } = tally(findings);
  return { ...result, findings, overall, counts };
}

/** The KPI column of the screening list: counts over the `kpis` findings. */
export function kpiCheck(findings: { group: string; passed: boolean | 'unknown' }[]) {
  const k = findings.filter((f) => f.group === 'kpis');
  const failed = k.filter((f) => f.passed === false).length;
  const unknown = k.filter((f) => f.passed === 'unknown').length;
  return {
    overall: (failed ? 'fail' : unknown ? 'incomplete' : 'pass') as 'pass' | 'fail' | 'incomplete',
    passed: k.length - failed - unknown,
    failed,
    unknown,
  };
}
