/** Step 经费预算: the direction's funding rules as tags, the amounts in 万元, the live co-funding ratio. */
import { Col, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useP, type PKey } from '../i18n.js';
import { showFen, wanToFen } from '../../../../../shared/money.js';
import { wanRule } from '../../../components/wanRule.js';
import type { ApplicationFieldPath } from '../../../../../shared/application-fields.js';
import { isRequired } from '../fieldRules.js';

export function BudgetSection({ direction }: { direction?: Record<string, any> }) {
  const { p, lang } = useP();
  const fr = direction?.fundingRules ?? {};
  const form = Form.useFormInstance();
  const self = Form.useWatch(['budget', 'selfFundingFen'], form);
  const req = Form.useWatch(['budget', 'requestedGrantFen'], form);
  const selfFen = wanToFen(self);
  const reqFen = wanToFen(req);
  const ratio =
    typeof selfFen === 'number' && typeof reqFen === 'number' && reqFen > 0
      ? `${(selfFen / reqFen).toFixed(2)} : 1`
      : '—';

  return (
    <>
      {direction && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Tag color="red">
            {p('funding.cap')}：{showFen(fr.capPerProjectFen, lang)}
          </Tag>
          {fr.firstYearCapFen !== undefined && (
            <Tag color="orange">
              {p('funding.firstYearCap')}：{showFen(fr.firstYearCapFen, lang)}
            </Tag>
          )}
          {fr.coFundingRatio && (
            <Tag color="blue">
              {p('funding.ratio')} {fr.coFundingRatio.self}:{fr.coFundingRatio.requested}
            </Tag>
          )}
          {fr.districtMatching && (
            <Tag color="purple">
              {p('funding.districtMatching')} {fr.districtMatching.district}:{fr.districtMatching.municipal}
            </Tag>
          )}
        </Space>
      )}
      <Row gutter={16}>
        {(
          [
            ['selfFundingFen', 'f.selfFunding', 'f-self'],
            ['requestedGrantFen', 'f.requested', 'f-requested'],
            ['firstYearRequestFen', 'f.firstYear', 'f-first-year'],
            ...(fr.districtMatching ? [['districtMatchingFen', 'f.districtMatching', 'f-district']] : []),
            ['techManagerTrainingFen', 'f.training', 'f-training'],
          ] as Array<[string, PKey, string]>
        ).map(([name, label, tid]) => (
          <Col span={12} key={name}>
            <Form.Item
              name={['budget', name]}
              label={p(label)}
              rules={[wanRule(p('f.moneyBad'))]}
              required={isRequired(`budget.${name}` as ApplicationFieldPath)}
            >
              <Input inputMode="decimal" suffix="万元" data-testid={tid} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary" data-testid="budget-ratio">
        {p('f.ratioNow', { r: ratio })}
      </Typography.Text>
    </>
  );
}
