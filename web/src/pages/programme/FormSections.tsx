/** The sections of the application form (申报书), one per step. Money in 万元, sent as fen. */
import type { ReactNode } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { cmpSymbol } from './bits.js';
import { useP, type PKey } from './i18n.js';
import { showFen, wanToFen } from './money.js';

export const STEPS: Array<{ key: string; title: PKey }> = [
  { key: 'project', title: 'form.project' },
  { key: 'feasibility', title: 'form.feasibility' },
  { key: 'budget', title: 'form.budget' },
  { key: 'kpis', title: 'form.kpis' },
  { key: 'team', title: 'form.team' },
  { key: 'avoidance', title: 'form.avoidance' },
  { key: 'declarations', title: 'form.declarations' },
  { key: 'attachments', title: 'form.attachments' },
  { key: 'review', title: 'form.review' },
];

const money = (p: (k: PKey) => string) => ({
  validator: (_r: unknown, v: string) =>
    wanToFen(v) === null ? Promise.reject(new Error(p('f.moneyBad'))) : Promise.resolve(),
});

function Section({ show, children, testId }: { show: boolean; children: ReactNode; testId: string }) {
  return (
    <div style={{ display: show ? 'block' : 'none' }} data-testid={testId}>
      {children}
    </div>
  );
}

export function FormSections({
  step,
  direction,
  leadSelect,
}: {
  step: string;
  direction?: Record<string, any>;
  leadSelect?: ReactNode;
}) {
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
      <Section show={step === 'project'} testId="step-project">
        <Card type="inner" title={p('form.project')} style={{ marginBottom: 16 }}>
          <Form.Item name={['project', 'title']} label={p('f.title')}>
            <Input maxLength={200} showCount data-testid="f-project-title" />
          </Form.Item>
          <Form.Item name={['project', 'summary']} label={p('f.summary')}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name={['project', 'startDate']} label={p('f.startDate')}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name={['project', 'endDate']} label={p('f.endDate')}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name={['project', 'keywords']} label={p('f.keywords')}>
                <Select mode="tags" maxCount={10} open={false} />
              </Form.Item>
            </Col>
          </Row>
          {leadSelect}
        </Card>
        <Card type="inner" title={p('form.applicant')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name={['applicant', 'legalForm']} label={p('f.legalForm')}>
                <Select
                  data-testid="f-legal-form"
                  allowClear
                  options={[
                    { value: 'legalPerson', label: p('f.legalPerson') },
                    { value: 'unincorporated', label: p('f.unincorporated') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name={['applicant', 'prevYearRevenueFen']}
                label={p('f.prevYearRevenue')}
                rules={[money(p)]}
              >
                <Input inputMode="decimal" suffix="万元" data-testid="f-revenue" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['applicant', 'contactName']} label={p('f.contactName')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['applicant', 'contactPhone']} label={p('f.contactPhone')}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card type="inner" title={p('form.lead')}>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name={['lead', 'name']} label={p('f.leadName')}>
                <Input maxLength={100} data-testid="f-lead-name" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name={['lead', 'title']} label={p('f.leadTitle')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name={['lead', 'phone']} label={p('f.phone')}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['lead', 'email']} label={p('f.email')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['lead', 'idNumber']} label={p('f.idNumber')}>
                <Input.Password maxLength={30} visibilityToggle autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Section>

      <Section show={step === 'feasibility'} testId="step-feasibility">
        <Form.List name={['feasibilityPlan', 'sections']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  type="inner"
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={`${p('f.section')} ${i + 1}`}
                  extra={
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  }
                >
                  <Form.Item name={[f.name, 'key']} hidden initialValue={`s${i + 1}`}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} label={p('f.sectionTitle')}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} label={p('f.sectionText')}>
                    <Input.TextArea rows={6} maxLength={50000} showCount />
                  </Form.Item>
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ key: `s${Date.now().toString(36)}`, title: '', text: '' })}
              >
                {p('f.addSection')}
              </Button>
            </>
          )}
        </Form.List>
      </Section>

      <Section show={step === 'budget'} testId="step-budget">
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
              <Form.Item name={['budget', name]} label={p(label)} rules={[money(p)]}>
                <Input inputMode="decimal" suffix="万元" data-testid={tid} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary" data-testid="budget-ratio">
          {p('f.ratioNow', { r: ratio })}
        </Typography.Text>
      </Section>

      <Section show={step === 'kpis'} testId="step-kpis">
        <KpiCommitments direction={direction} />
      </Section>

      <Section show={step === 'team'} testId="step-team">
        <Typography.Title level={5}>{p('f.techManagers')}</Typography.Title>
        <Form.List name={['team', 'techManagers']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="middle">
                  <Col span={6}>
                    <Form.Item name={[f.name, 'name']} label={p('f.leadName')}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'role']} label={p('f.tmRole')} initialValue="core">
                      <Select
                        options={[
                          { value: 'lead', label: p('f.tmLead') },
                          { value: 'core', label: p('f.tmCore') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'yearsFullTime']} label={p('f.years')}>
                      <InputNumber min={0} max={60} step={0.5} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item
                      name={[f.name, 'isProjectLead']}
                      label={p('f.isLead')}
                      valuePropName="checked"
                      initialValue={false}
                    >
                      <Switch />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ role: 'core', isProjectLead: false })}
                data-testid="add-tech-manager"
              >
                {p('f.addTechManager')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {p('f.members')}
        </Typography.Title>
        <Form.List name={['team', 'members']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key}>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'name']} label={p('f.leadName')}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'role']} label={p('f.role')}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'title']} label={p('f.leadTitle')}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[f.name, 'employer']} label={p('f.employer')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ paddingTop: 30 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {p('f.addMember')}
              </Button>
            </>
          )}
        </Form.List>
      </Section>

      <Section show={step === 'avoidance'} testId="step-avoidance">
        <Form.List name="excludedExperts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key}>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'name']} label={p('f.leadName')}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col span={7}>
                    <Form.Item name={[f.name, 'employer']} label={p('f.employer')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item name={[f.name, 'reason']} label={p('f.reason')}>
                      <Input maxLength={1000} />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ paddingTop: 30 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-expert">
                {p('f.addExpert')}
              </Button>
            </>
          )}
        </Form.List>
      </Section>

      <Section show={step === 'declarations'} testId="step-declarations">
        <Form.Item name="claimsTechIncome" valuePropName="checked">
          <Checkbox>{p('f.claimsTechIncome')}</Checkbox>
        </Form.Item>
        <Form.Item name={['declarations', 'integrityCommitment']} valuePropName="checked">
          <Checkbox data-testid="f-integrity">{p('f.integrity')}</Checkbox>
        </Form.Item>
        <Form.Item name={['declarations', 'noClassifiedContent']} valuePropName="checked">
          <Checkbox data-testid="f-no-classified">{p('f.noClassified')}</Checkbox>
        </Form.Item>
        <Form.Item name={['declarations', 'ethicsCommitment']} valuePropName="checked">
          <Checkbox data-testid="f-ethics">{p('f.ethics')}</Checkbox>
        </Form.Item>
      </Section>
    </>
  );
}

/** KPI commitments: the guide's KPIs (metric fixed, value ≥ the guide's) plus the applicant's own. */
function KpiCommitments({ direction }: { direction?: Record<string, any> }) {
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
                  <Form.Item name={[f.name, 'unit']} noStyle>
                    <Input maxLength={20} />
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
            onClick={() => add({ metric: '', unit: '', comparator: '>=', value: 0 })}
          >
            {p('f.addKpi')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
