/** 指南编辑, tab 基本信息: year, number, issuer, titles, the application window (UTC+8) and review mode. */
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useP } from '../i18n.js';

export function BasicTab() {
  const { p } = useP();
  return (
    <Row gutter={16}>
      <Col span={6}>
        <Form.Item name="year" label={p('calls.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={9}>
        <Form.Item name="number" label={p('calls.number')} rules={[{ required: true }]}>
          <Input placeholder="沪科指南〔2023〕21号" />
        </Form.Item>
      </Col>
      <Col span={9}>
        <Form.Item name="issuer" label={p('editor.issuer')}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="title" label={p('calls.titleCol')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={16}>
        <Form.Item name="titleEn" label={p('editor.titleEn')}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="issuedOn" label={p('editor.issuedOn')}>
          <Input type="date" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name={['window', 'opensAt']}
          label={`${p('editor.opensAt')}（UTC+8）`}
          rules={[{ required: true }]}
        >
          <Input type="datetime-local" data-testid="call-opens" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name={['window', 'closesAt']}
          label={`${p('editor.closesAt')}（UTC+8）`}
          rules={[{ required: true }]}
        >
          <Input type="datetime-local" data-testid="call-closes" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="reviewMode" label={p('editor.reviewMode')}>
          <Select
            options={[
              { value: 'oneRound', label: p('review.oneRound') },
              { value: 'twoRounds', label: p('review.twoRounds') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={['window', 'note']} label={p('editor.windowNote')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="note" label={p('editor.note')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
