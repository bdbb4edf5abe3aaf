/**
 * What a reviewer must see before approving: the checklist's failing findings (approving anyway needs
 * a reason, which is audited with them), and where a district review goes when no district office can act.
 */
import { Alert, Typography } from 'antd';
import type { FieldProblem } from '../../api/client.js';
import type { Checklist, DistrictRoute } from '../../api/types.js';
import { useP } from './i18n.js';

export interface FailingItem {
  ruleId: string;
  zh: string;
  en: string;
}

/** The failing findings of a live checklist (not the ones that cannot be judged yet). */
export function failingOf(c: Checklist): FailingItem[] {
  return [
    ...c.screening.findings
      .filter((f) => f.severity === 'error' && f.applicable && f.passed === false)
      .map((f) => ({
        ruleId: f.ruleId,
        zh: `${f.label}：${f.reason.zh}`,
        en: `${f.labelEn}: ${f.reason.en}`,
      })),
    ...c.content
      .filter((f) => f.passed === false)
      .map((f) => ({ ruleId: f.id, zh: `${f.label}：${f.reason.zh}`, en: `${f.labelEn}: ${f.reason.en}` })),
    ...c.fieldErrors.map((e) => ({ ruleId: `field.${e.code}`, zh: e.message, en: e.messageEn })),
  ];
}

/** The same list from a 422 `failing_findings` answer (the server judged the values being recorded). */
export const failingOfProblem = (errors: FieldProblem[]): FailingItem[] =>
  errors.map((e) => ({ ruleId: e.code ?? e.field, zh: e.message, en: e.messageEn }));

export function FailingFindings({ items }: { items: FailingItem[] }) {
  const { p, pick } = useP();
  if (!items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      message={p('flow.failing', { n: items.length })}
      data-testid="review-failing"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {items.map((f) => (
            <li key={f.ruleId} data-testid={`review-failing-${f.ruleId}`}>
              {pick(f.zh, f.en)}
            </li>
          ))}
        </ul>
      }
    />
  );
}

export function DistrictRouteNotice({ route }: { route: DistrictRoute | null }) {
  const { p, pick } = useP();
  if (!route) return null;
  return (
    <Alert
      type="info"
      showIcon
      message={p('flow.routedToOffice')}
      description={<Typography.Text>{pick(route.reason.zh, route.reason.en)}</Typography.Text>}
      data-testid="district-route"
    />
  );
}
