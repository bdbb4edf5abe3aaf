/**
 * A direction's 经费额度 (fundingRules): caps in 万元, number of projects, co-funding ratio, district
 * matching and the funding text; also the applicant-requirements text, which shares their row.
 */
import { Col, Form, Input, InputNumber, Row, Space } from 'antd';
import { useP } from '../i18n.js';
import { wanRule } from '../../../components/wanRule.js';

/** `name` is the direction's index in its topic's directions list. */
export function FundingRulesFields({ name }: { name: number }) {
  const { p } = useP();
  const money = wanRule(p('f.moneyBad'));
  return (
    <Row gutter={16}>
      <Col span={6}>
        <Form.Item name={[name, 'fundingRules', 'capPerProjectFen']} label={p('funding.cap')} rules={[money]}>
          <Input suffix="万元" inputMode="decimal" />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item
          name={[name, 'fundingRules', 'firstYearCapFen']}
          label={p('funding.firstYearCap')}
          rules={[money]}
        >
          <Input suffix="万元" inputMode="decimal" />
        </Form.Item>
      </Col>
      <Col span={4}>
        <Form.Item name={[name, 'fundingRules', 'projectCount']} label={p('funding.projectCount')}>
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={4}>
        <Form.Item label={p('funding.ratio')}>
          <Space.Compact>
            <Form.Item name={[name, 'fundingRules', 'coFundingRatio', 'self']} noStyle>
              <InputNumber min={1} style={{ width: 60 }} />
            </Form.Item>
            <Input disabled value=":" style={{ width: 28, textAlign: 'center' }} />
            <Form.Item name={[name, 'fundingRules', 'coFundingRatio', 'requested']} noStyle>
              <InputNumber min={1} style={{ width: 60 }} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      </Col>
      <Col span={4}>
        <Form.Item label={p('funding.districtMatching')}>
          <Space.Compact>
            <Form.Item name={[name, 'fundingRules', 'districtMatching', 'district']} noStyle>
              <InputNumber min={1} style={{ width: 60 }} />
            </Form.Item>
            <Input disabled value=":" style={{ width: 28, textAlign: 'center' }} />
            <Form.Item name={[name, 'fundingRules', 'districtMatching', 'municipal']} noStyle>
              <InputNumber min={1} style={{ width: 60 }} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={[name, 'fundingRules', 'text']} label={p('funding.text')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name={[name, 'applicantRequirements']} label={p('editor.requirements')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
