/** One direction (方向) in the call editor: its fields, funding, KPIs, attachments and eligibility rules. */
import { Col, Form, Input, Row, Switch, Typography } from 'antd';
import type { ImportProblem } from '../../../api/types.js';
import { useP } from '../i18n.js';
import { RulesPanel } from '../RulesPanel.js';
import { FundingRulesFields } from './FundingRulesFields.js';
import { KpiListEditor } from './KpiListEditor.js';
import { RequiredAttachmentsEditor } from './RequiredAttachmentsEditor.js';

/** `name`: the direction's index in its topic's directions list; problems relative to its eligibility. */
export function DirectionFields({
  name,
  code,
  disabled,
  eligibilityProblems,
}: {
  name: number;
  code?: string;
  disabled: boolean;
  eligibilityProblems: ImportProblem[];
}) {
  const { p } = useP();
  return (
    <div data-testid={`direction-editor-${code}`}>
      <Row gutter={16}>
        <Col span={4}>
          <Form.Item name={[name, 'code']} label={p('editor.code')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name={[name, 'title']} label={p('editor.direction')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name={[name, 'needsDistrictRecommendation']}
            label={p('editor.needsDistrict')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name={[name, 'goal']} label={p('editor.goal')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item name={[name, 'scope']} label={p('editor.scope')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[name, 'executionPeriod', 'start']} label={`${p('editor.period')} ⟶`}>
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[name, 'executionPeriod', 'end']} label="⟵">
            <Input type="date" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{p('editor.funding')}</Typography.Title>
      <FundingRulesFields name={name} />
      <Typography.Title level={5}>{p('editor.kpis')}</Typography.Title>
      <KpiListEditor name={name} disabled={disabled} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {p('editor.attachments')}
      </Typography.Title>
      <RequiredAttachmentsEditor name={name} disabled={disabled} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {p('rules.title')}
      </Typography.Title>
      <Form.Item name={[name, 'eligibility']} noStyle>
        <RulesPanel disabled={disabled} testId={`rules-${code}`} serverProblems={eligibilityProblems} />
      </Form.Item>
    </div>
  );
}
