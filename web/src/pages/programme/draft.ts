/** Application content ↔ form values: money is 万元 text on the form and integer fen in the draft. */
import { fenToWan, wanToFen } from '../../../../shared/money.js';

export const MONEY_FIELDS: Array<[string, string]> = [
  ['budget', 'selfFundingFen'],
  ['budget', 'requestedGrantFen'],
  ['budget', 'firstYearRequestFen'],
  ['budget', 'districtMatchingFen'],
  ['budget', 'techManagerTrainingFen'],
  ['applicant', 'prevYearRevenueFen'],
];

export const SECTIONS = [
  'project',
  'applicant',
  'lead',
  'feasibilityPlan',
  'budget',
  'kpis',
  'team',
  'excludedExperts',
  'claimsTechIncome',
  'declarations',
] as const;

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export function toForm(content: Record<string, any>): Record<string, any> {
  const v = clone(content ?? {});
  for (const [s, f] of MONEY_FIELDS) {
    const sec = v[s];
    if (sec && typeof sec === 'object' && f in sec)
      sec[f] = typeof sec[f] === 'number' ? fenToWan(sec[f]) : String(sec[f] ?? '');
  }
  return v;
}

/** Form values → the draft's sections. A money box that is not a valid amount is sent as typed (the server keeps it and flags it). */
export function fromForm(values: Record<string, any>): Record<string, unknown> {
  const v = clone(values ?? {});
  for (const [s, f] of MONEY_FIELDS) {
    const sec = v[s];
    if (!sec || typeof sec !== 'object' || !(f in sec)) continue;
    const fen = wanToFen(sec[f]);
    if (fen === null) delete sec[f];
    else if (fen !== undefined) sec[f] = fen;
  }
  const out: Record<string, unknown> = {};
  for (const k of SECTIONS) if (v[k] !== undefined) out[k] = prune(v[k]);
  return out;
}

/** Drops empty strings and undefined inside objects (blank boxes are "not given", not ""). */
function prune(x: any): any {
  if (Array.isArray(x))
    return x
      .map((e) => (e && typeof e === 'object' ? prune(e) : e))
      .filter((e) => e !== undefined && e !== null);
  if (x && typeof x === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(x))
      if (val !== undefined && val !== '' && val !== null) o[k] = prune(val);
    return o;
  }
  return x;
}

/** Identity organisation types → the rule language's. */
export function ruleOrgType(t: string): string {
  if (t === 'hospital') return 'medicalInstitution';
  if (['university', 'researchInstitute', 'enterprise', 'transferInstitution'].includes(t)) return t;
  return 'other';
}

export function findDirection(
  call: Record<string, any> | undefined,
  code: string,
): Record<string, any> | undefined {
  for (const t of call?.topics ?? []) for (const d of t.directions ?? []) if (d.code === code) return d;
  return undefined;
}

/** The guide's KPIs that apply to this organisation, as commitments at the guide's values. */
export function kpiDefaults(direction: Record<string, any> | undefined, orgType: string) {
  const rt = ruleOrgType(orgType);
  return (direction?.kpis ?? [])
    .filter((k: any) => !k.appliesTo || k.appliesTo.orgTypes.includes(rt))
    .map((k: any) => ({
      kpiId: k.id,
      metric: k.metric,
      unit: k.unit,
      comparator: k.comparator,
      value: k.value,
    }));
}
