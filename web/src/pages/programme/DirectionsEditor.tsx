/** Topics and their directions in the call editor: goal, scope, KPIs, period, funding (万元), attachments, rules. */
import {
  Button,
  Card,
  Col,
  Collapse,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ImportProblem } from '../../api/programme.js';
import { cmpSymbol } from './bits.js';
import { useP } from './i18n.js';
import { wanToFen } from './money.js';
import { RulesPanel } from './RulesPanel.js';

const EMPTY_DIRECTION = {
  code: '',
  title: '',
  goal: '',
  scope: '',
  kpis: [],
  executionPeriod: { start: '', end: '' },
  fundingRules: { mode: 'nonFixed' },
  eligibility: [],
  requiredAttachments: [],
  needsDistrictRecommendation: false,
};

export function DirectionsEditor({ disabled, problems }: { disabled: boolean; problems: ImportProblem[] }) {
  const { p } = useP();
  const form = Form.useFormInstance();
  const money = {
    validator: (_r: unknown, v: string) =>
      wanToFen(v) === null ? Promise.reject(new Error(p('f.moneyBad'))) : Promise.resolve(),
  };
  const rulesProblems = (prefix: string) =>
    problems
      .filter((x) => x.path.startsWith(`${prefix}.`))
      .map((x) => ({ ...x, path: x.path.slice(prefix.length + 1) }));

  return (
    <Form.List name="topics">
      {(topics, topicOps) => (
        <>
          {topics.map((t) => (
            <Card
              key={t.key}
              style={{ marginBottom: 16 }}
              title={
                <Space>
                  <Tag color="geekblue">{p('editor.topic')}</Tag>
                  <Form.Item name={[t.name, 'code']} noStyle>
                    <Input style={{ width: 80 }} placeholder={p('editor.code')} />
                  </Form.Item>
                  <Form.Item name={[t.name, 'title']} noStyle>
                    <Input style={{ width: 420 }} placeholder={p('editor.topic')} />
                  </Form.Item>
                </Space>
              }
              extra={
                !disabled && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => topicOps.remove(t.name)}
                  />
                )
              }
            >
              <Form.List name={[t.name, 'directions']}>
                {(dirs, dirOps) => (
                  <>
                    <Collapse
                      items={dirs.map((d) => {
                        const path = ['topics', t.name, 'directions', d.name];
                        const code = form.getFieldValue([...path, 'code']);
                        return {
                          key: String(d.key),
                          forceRender: true,
                          label: (
                            <Space>
                              <Tag color="blue">
                                {p('editor.direction')} {code}
                              </Tag>
                              {form.getFieldValue([...path, 'title'])}
                              {form.getFieldValue([...path, 'needsDistrictRecommendation']) && (
                                <Tag color="purple">{p('public.district')}</Tag>
                              )}
                            </Space>
                          ),
                          extra: !disabled && (
                            <Button
                              size="small"
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              onClick={() => dirOps.remove(d.name)}
                            />
                          ),
                          children: (
                            <div data-testid={`direction-editor-${code}`}>
                              <Row gutter={16}>
                                <Col span={4}>
                                  <Form.Item
                                    name={[d.name, 'code']}
                                    label={p('editor.code')}
                                    rules={[{ required: true }]}
                                  >
                                    <Input />
                                  </Form.Item>
                                </Col>
                                <Col span={14}>
                                  <Form.Item
                                    name={[d.name, 'title']}
                                    label={p('editor.direction')}
                                    rules={[{ required: true }]}
                                  >
                                    <Input />
                                  </Form.Item>
                                </Col>
                                <Col span={6}>
                                  <Form.Item
                                    name={[d.name, 'needsDistrictRecommendation']}
                                    label={p('editor.needsDistrict')}
                                    valuePropName="checked"
                                  >
                                    <Switch />
                                  </Form.Item>
                                </Col>
                                <Col span={24}>
                                  <Form.Item
                                    name={[d.name, 'goal']}
                                    label={p('editor.goal')}
                                    rules={[{ required: true }]}
                                  >
                                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                                  </Form.Item>
                                  <Form.Item
                                    name={[d.name, 'scope']}
                                    label={p('editor.scope')}
                                    rules={[{ required: true }]}
                                  >
                                    <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
                                  </Form.Item>
                                </Col>
                                <Col span={6}>
                                  <Form.Item
                                    name={[d.name, 'executionPeriod', 'start']}
                                    label={`${p('editor.period')} ⟶`}
                                  >
                                    <Input type="date" />
                                  </Form.Item>
                                </Col>
                                <Col span={6}>
                                  <Form.Item name={[d.name, 'executionPeriod', 'end']} label="⟵">
                                    <Input type="date" />
                                  </Form.Item>
                                </Col>
                              </Row>
                              <Typography.Title level={5}>{p('editor.funding')}</Typography.Title>
                              <Row gutter={16}>
                                <Col span={6}>
                                  <Form.Item
                                    name={[d.name, 'fundingRules', 'capPerProjectFen']}
                                    label={p('funding.cap')}
                                    rules={[money]}
                                  >
                                    <Input suffix="万元" inputMode="decimal" />
                                  </Form.Item>
                                </Col>
                                <Col span={6}>
                                  <Form.Item
                                    name={[d.name, 'fundingRules', 'firstYearCapFen']}
                                    label={p('funding.firstYearCap')}
                                    rules={[money]}
                                  >
                                    <Input suffix="万元" inputMode="decimal" />
                                  </Form.Item>
                                </Col>
                                <Col span={4}>
                                  <Form.Item
                                    name={[d.name, 'fundingRules', 'projectCount']}
                                    label={p('funding.projectCount')}
                                  >
                                    <InputNumber min={1} style={{ width: '100%' }} />
                                  </Form.Item>
                                </Col>
                                <Col span={4}>
                                  <Form.Item label={p('funding.ratio')}>
                                    <Space.Compact>
                                      <Form.Item
                                        name={[d.name, 'fundingRules', 'coFundingRatio', 'self']}
                                        noStyle
                                      >
                                        <InputNumber min={1} style={{ width: 60 }} />
                                      </Form.Item>
                                      <Input disabled value=":" style={{ width: 28, textAlign: 'center' }} />
                                      <Form.Item
                                        name={[d.name, 'fundingRules', 'coFundingRatio', 'requested']}
                                        noStyle
                                      >
                                        <InputNumber min={1} style={{ width: 60 }} />
                                      </Form.Item>
                                    </Space.Compact>
                                  </Form.Item>
                                </Col>
                                <Col span={4}>
                                  <Form.Item label={p('funding.districtMatching')}>
                                    <Space.Compact>
                                      <Form.Item
                                        name={[d.name, 'fundingRules', 'districtMatching', 'district']}
                                        noStyle
                                      >
                                        <InputNumber min={1} style={{ width: 60 }} />
                                      </Form.Item>
                                      <Input disabled value=":" style={{ width: 28, textAlign: 'center' }} />
                                      <Form.Item
                                        name={[d.name, 'fundingRules', 'districtMatching', 'municipal']}
                                        noStyle
                                      >
                                        <InputNumber min={1} style={{ width: 60 }} />
                                      </Form.Item>
                                    </Space.Compact>
                                  </Form.Item>
                                </Col>
                                <Col span={24}>
                                  <Form.Item
                                    name={[d.name, 'fundingRules', 'text']}
                                    label={p('funding.text')}
                                  >
                                    <Input.TextArea autoSize={{ minRows: 2 }} />
                                  </Form.Item>
                                  <Form.Item
                                    name={[d.name, 'applicantRequirements']}
                                    label={p('editor.requirements')}
                                  >
                                    <Input.TextArea autoSize={{ minRows: 2 }} />
                                  </Form.Item>
                                </Col>
                              </Row>
                              <Typography.Title level={5}>{p('editor.kpis')}</Typography.Title>
                              <KpiListEditor name={d.name} disabled={disabled} />
                              <Typography.Title level={5} style={{ marginTop: 16 }}>
                                {p('editor.attachments')}
                              </Typography.Title>
                              <Form.List name={[d.name, 'requiredAttachments']}>
                                {(atts, attOps) => (
                                  <>
                                    {atts.map((a) => (
                                      <Row gutter={8} key={a.key}>
                                        <Col span={6}>
                                          <Form.Item name={[a.name, 'type']}>
                                            <Input
                                              placeholder={p('att.type')}
                                              style={{ fontFamily: 'monospace' }}
                                            />
                                          </Form.Item>
                                        </Col>
                                        <Col span={16}>
                                          <Form.Item name={[a.name, 'label']}>
                                            <Input placeholder={p('att.label')} />
                                          </Form.Item>
                                        </Col>
                                        <Col span={2}>
                                          {!disabled && (
                                            <Button
                                              type="text"
                                              danger
                                              icon={<DeleteOutlined />}
                                              onClick={() => attOps.remove(a.name)}
                                            />
                                          )}
                                        </Col>
                                      </Row>
                                    ))}
                                    {!disabled && (
                                      <Button
                                        size="small"
                                        type="dashed"
                                        icon={<PlusOutlined />}
                                        onClick={() => attOps.add({ type: '', label: '' })}
                                      >
                                        {p('editor.addAttachment')}
                                      </Button>
                                    )}
                                  </>
                                )}
                              </Form.List>
                              <Typography.Title level={5} style={{ marginTop: 16 }}>
                                {p('rules.title')}
                              </Typography.Title>
                              <Form.Item name={[d.name, 'eligibility']} noStyle>
                                <RulesPanel
                                  disabled={disabled}
                                  testId={`rules-${code}`}
                                  serverProblems={rulesProblems(
                                    `topics.${t.name}.directions.${d.name}.eligibility`,
                                  )}
                                />
                              </Form.Item>
                            </div>
                          ),
                        };
                      })}
                    />
                    {!disabled && (
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        style={{ marginTop: 12 }}
                        onClick={() => dirOps.add(EMPTY_DIRECTION)}
                      >
                        {p('editor.addDirection')}
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            </Card>
          ))}
          {!disabled && (
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => topicOps.add({ code: `T${topics.length + 1}`, title: '', directions: [] })}
            >
              {p('editor.addTopic')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

function KpiListEditor({ name, disabled }: { name: number; disabled: boolean }) {
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
