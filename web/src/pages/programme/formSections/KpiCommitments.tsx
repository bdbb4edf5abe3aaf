/** Step 考核指标承诺: what the applicant commits to, against the direction's KPIs (考核指标). */
import { Button, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { COMMITMENT_UNITS, unitsFitting } from '../../../../../shared/kpi.units.js';
import { cmpSymbol } from '../bits.js';
import { useP } from '../i18n.js';

/**
 * KPI commitments: the guide's KPIs (metric fixed) plus the applicant's own. The unit is picked from
 * the units of the KPI's kind (万元/亿元/元 for money, …), the same table the server converts with.
 */
export function KpiCommitments({ direction }: { direction?: Record<string, any> }) {
  const { p } = useP();
  const guide = new Map<string, any>((direction?.kpis ?? []).map((k: any) => [k.id, k]));
  return (
    <Form.List name="kpis">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            columns={[
              {
                title: p('kpi.metric'),
                key: 'metric',
                render: (_v, f) => (
                  <Form.Item noStyle shouldUpdate>
                    {(form) => {
                      const id = form.getFieldValue(['kpis', f.name, 'kpiId']);
                      return id && guide.has(id) ? (
                        <Space direction="vertical" size={0}>
                          <span>{guide.get(id).metric}</span>
                          <Tag bordered={false} color="blue">
                            {p('f.kpiFromGuide')} {cmpSymbol(guide.get(id).comparator)} {guide.get(id).value}
                            {guide.get(id).unit}
                          </Tag>
                        </Space>
                      ) : (
                        <Form.Item name={[f.name, 'metric']} noStyle>
                          <Input placeholder={p('f.kpiExtra')} maxLength={300} />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                ),
              },
              {
                title: p('kpi.comparator'),
                key: 'cmp',
                width: 90,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'comparator']} noStyle initialValue=">=">
                    <Select
                      options={['>=', '<=', '=', '>', '<'].map((c) => ({ value: c, label: cmpSymbol(c) }))}
                    />
                  </Form.Item>
                ),
              },
              {
                title: p('kpi.value'),
                key: 'value',
                width: 140,
                render: (_v, f) => (
                  <Form.Item name={[f.name, 'value']} noStyle>
                    <InputNumber min={0} style={{ width: '100%' }} data-testid={`kpi-value-${f.name}`} />
                  </Form.Item>
                ),
              },
              {
                title: p('kpi.unit'),
                key: 'unit',
                width: 90,
                render: (_v, f) => (
                  <Form.Item noStyle shouldUpdate>
                    {(form) => {
                      const k = guide.get(form.getFieldValue(['kpis', f.name, 'kpiId']));
                      const units = k ? unitsFitting(k.unit) : [...COMMITMENT_UNITS];
                      return (
                        <Form.Item name={[f.name, 'unit']} noStyle initialValue={k?.unit}>
                          <Select
                            options={units.map((u) => ({ value: u, label: u }))}
                            placeholder={k?.unit}
                            title={p('f.kpiUnit')}
                            data-testid={`kpi-unit-${f.name}`}
                          />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                ),
              },
              {
                title: '',
                key: 'x',
                width: 50,
                render: (_v, f) => (
                  <Form.Item noStyle shouldUpdate>
                    {(form) =>
                      guide.has(form.getFieldValue(['kpis', f.name, 'kpiId'])) ? null : (
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                      )
                    }
                  </Form.Item>
                ),
              },
            ]}
          />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            style={{ marginTop: 12 }}
            onClick={() => add({ metric: '', unit: '项', comparator: '>=', value: 0 })}
          >
            {p('f.addKpi')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
