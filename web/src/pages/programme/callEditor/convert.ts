/** Call document ↔ the editor's form values: 万元 ↔ fen, the window in local Beijing time ↔ +08:00. */
import { fenToWan, isMoneyUnit, kpiAmountFen, wanToFen } from '../../../../../shared/money.js';
import { formatShanghai, fromShanghaiLocal } from '../../../../../shared/time.js';

const FUNDING_MONEY = ['capPerProjectFen', 'firstYearCapFen'];
export const NEW_CALL = {
  schemaVersion: 1,
  status: 'draft',
  year: new Date().getFullYear(),
  reviewMode: 'twoRounds',
  commonEligibility: [],
  commonAttachments: [],
  topics: [],
};

const toLocal = (s?: string) => (s ? formatShanghai(s, 'YYYY-MM-DDTHH:mm') : undefined);
const fromLocal = (s?: string) => (s ? fromShanghaiLocal(s) : undefined);

/** Call document → form values (money in 万元, window as local Beijing time). */
export function toEditor(doc: Record<string, any>) {
  const v = JSON.parse(JSON.stringify(doc));
  if (v.window)
    v.window = { ...v.window, opensAt: toLocal(v.window.opensAt), closesAt: toLocal(v.window.closesAt) };
  for (const t of v.topics ?? [])
    for (const d of t.directions ?? [])
      for (const k of FUNDING_MONEY)
        if (d.fundingRules && typeof d.fundingRules[k] === 'number')
          d.fundingRules[k] = fenToWan(d.fundingRules[k]);
  return v;
}

/** Form values → call document: 万元 → fen, local time → +08:00, money KPIs get their exact valueFen. */
export function fromEditor(v: Record<string, any>, base: Record<string, any>) {
  const doc = { ...base, ...JSON.parse(JSON.stringify(v)) };
  if (doc.window)
    doc.window = {
      ...doc.window,
      opensAt: fromLocal(doc.window.opensAt),
      closesAt: fromLocal(doc.window.closesAt),
    };
  for (const t of doc.topics ?? [])
    for (const d of t.directions ?? []) {
      for (const k of FUNDING_MONEY) {
        const fen = wanToFen(d.fundingRules?.[k]);
        if (fen === null) delete d.fundingRules?.[k];
        else if (fen !== undefined) d.fundingRules[k] = fen;
      }
      for (const kpi of d.kpis ?? []) {
        if (isMoneyUnit(kpi.unit) && typeof kpi.value === 'number') {
          const fen = kpiAmountFen(kpi.value, kpi.unit);
          if (fen !== null) kpi.valueFen = Number(fen);
        } else delete kpi.valueFen;
      }
    }
  return doc;
}
