/** A direction's 考核指标 (kpis): id, metric, comparator, value and unit. */
import { Button, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { cmpSymbol } from '../bits.js';
import { useP } from '../i18n.js';

/** `name` is the direction's index in its topic's directions list. */
export function KpiListEditor({ name, disabled }: { name: number; disabled: boolean }) {
  const { p } = useP();
  return (
    <Form.List name={[name, 'kpis']}>
      {(kpis, ops) => (
        <>
          <Row gutter={8} style={{ fontWeight: 500, marginBottom: 4 }}>
            <Col span={3}>ID</Col>
            <Col span={9}>{p('kpi.metric')}</Col>
            <Col span={3}>{p('kpi.comparator')}</Col>
            <Col span={4}>{p('kpi.value')}</Col>
            <Col span={3}>{p('kpi.unit')}</Col>
          </Row>
          {kpis.map((k) => (
            <Row gutter={8} key={k.key}>
              <Col span={3}>
                <Form.Item name={[k.name, 'id']}>
                  <Input style={{ fontFamily: 'monospace', fontSize: 12 }} />
                </Form.Item>
              </Col>
              <Col span={9}>
                <Form.Item name={[k.name, 'metric']}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[k.name, 'comparator']}>
                  <Select
                    options={['>=', '<=', '=', '>', '<'].map((c) => ({ value: c, label: cmpSymbol(c) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name={[k.name, 'value']}>
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[k.name, 'unit']}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={2}>
                {!disabled && (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => ops.remove(k.name)} />
                )}
              </Col>
            </Row>
          ))}
          {!disabled && (
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => ops.add({ id: '', metric: '', unit: '项', comparator: '>=', value: 0 })}
            >
              {p('editor.addKpi')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
