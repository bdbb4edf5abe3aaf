import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Slider,
  Space,
  Spin,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { marketApi } from '../../api/market.js';
import type { Achievement, AchievementBody, IpItem, Ownership, TransferMode } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { useMt } from './i18n.js';
import { IP_TYPES, OWNERSHIP, TRANSFER_MODES, TRL_LABELS } from './labels.js';
import { fenToWan, wanToFen } from '../../../../shared/money.js';
import { wanRule } from '../../components/wanRule.js';

interface Values {
  title: string;
  abstract: string;
  keywords?: string[];
  field: string;
  organisations?: Array<{ name: string; role: 'first' | 'participant' }>;
  people?: Array<{ name: string; role?: string }>;
  ipItems?: IpItem[];
  trl: number;
  ownership: Ownership;
  transferModes: TransferMode[];
  priceMin?: string;
  priceMax?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}
const FIELDS = [
  'title',
  'abstract',
  'keywords',
  'field',
  'organisations',
  'people',
  'ipItems',
  'trl',
  'ownership',
  'transferModes',
  'priceMin',
  'priceMax',
];

/** 登记成果: the national registration fields, IP items, TRL 1-9, ownership, transfer modes, price in 万元. */
export function AchievementForm() {
  const { id } = useParams();
  const { m, L, lang } = useMt();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm<Values>();
  const [existing, setExisting] = useState<Achievement | null>(null);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const trl = Form.useWatch('trl', form);

  useEffect(() => {
    if (!id) return;
    marketApi
      .fullAchievement(id)
      .then((a) => {
        setExisting(a);
        form.setFieldsValue({
          ...a,
          people: a.people.map((p) => ({ name: p.name, role: p.role ?? undefined })),
          priceMin: fenToWan(a.priceMinFen),
          priceMax: fenToWan(a.priceMaxFen),
          contactName: a.researcherContact?.name ?? undefined,
          contactEmail: a.researcherContact?.email ?? undefined,
        });
      })
      .catch((e) => setError(problemText(e, lang)));
  }, [id, form, lang]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError('');
    const body: AchievementBody = {
      title: v.title.trim(),
      abstract: v.abstract.trim(),
      keywords: v.keywords ?? [],
      field: v.field.trim(),
      organisations: v.organisations ?? [],
      people: v.people ?? [],
      ipItems: (v.ipItems ?? []).map((i) => ({
        type: i.type,
        number: i.number || null,
        title: i.title || null,
      })),
      trl: v.trl,
      ownership: v.ownership,
      transferModes: v.transferModes,
      priceMinFen: wanToFen(v.priceMin) ?? null,
      priceMaxFen: wanToFen(v.priceMax) ?? null,
      // on edit the server holds the phone (shown masked): the contact is replaced only when a new phone is typed
      ...((existing ? !!v.contactPhone : !!(v.contactName || v.contactPhone || v.contactEmail))
        ? {
            researcherContact: {
              name: v.contactName || null,
              phone: v.contactPhone || null,
              email: v.contactEmail || null,
            },
          }
        : {}),
    };
    try {
      const a = existing
        ? await marketApi.patchAchievement(existing.id, { ...body, version: existing.version })
        : await marketApi.createAchievement(body);
      message.success(m('ach.saved'));
      nav(`/market/achievements/${a.id}`);
    } catch (e) {
      if (e && typeof e === 'object' && 'errors' in e)
        for (const f of (e as { errors: Array<{ field: string }> }).errors)
          f.field = f.field.replace(/^priceMinFen/, 'priceMin').replace(/^priceMaxFen/, 'priceMax');
      setError(applyProblem(form, e, lang, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  if (id && !existing && !error) return <Spin className="to-page-spin" />;
  return (
    <div data-testid="page-achievement-form">
      <PageHeader title={existing ? m('ach.edit') : m('ach.new')} subtitle={m('lib.subtitle')} />
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          trl: 4,
          ownership: 'unitOwned',
          transferModes: ['licence'],
          organisations: [],
          ipItems: [],
        }}
      >
        <Row gutter={16}>
          <Col xs={24} lg={15}>
            <Card variant="borderless" style={{ marginBottom: 16 }}>
              <Form.Item
                name="title"
                label={m('ach.titleField')}
                rules={[{ required: true, min: 4, max: 200 }]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name="abstract"
                label={m('ach.abstract')}
                rules={[{ required: true, min: 20, max: 5000 }]}
              >
                <Input.TextArea rows={6} showCount maxLength={5000} />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item
                    name="field"
                    label={m('lib.field')}
                    rules={[{ required: true, min: 2, max: 40 }]}
                  >
                    <Input placeholder="集成电路 / 生物医药" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="keywords" label={m('ach.keywords')}>
                    <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Title level={5}>{m('ach.ip')}</Typography.Title>
              <Form.List name="ipItems">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                        <Form.Item name={[f.name, 'type']} rules={[{ required: true }]}>
                          <Select
                            style={{ width: 160 }}
                            options={Object.entries(IP_TYPES).map(([k, v]) => ({ value: k, label: L(v) }))}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'number']}>
                          <Input placeholder={m('ach.ipNumber')} style={{ width: 200 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'title']}>
                          <Input placeholder={m('ach.ipTitle')} style={{ width: 240 }} />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ type: 'patent' })}
                      style={{ marginBottom: 16 }}
                    >
                      {m('ach.ipAdd')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Typography.Title level={5}>{m('ach.orgs')}</Typography.Title>
              <Form.List name="organisations">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, min: 2 }]}>
                          <Input style={{ width: 320 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'role']} initialValue="participant">
                          <Radio.Group
                            options={[
                              { value: 'first', label: m('ach.firstOrg') },
                              { value: 'participant', label: m('ach.orgs') },
                            ]}
                          />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ role: fields.length ? 'participant' : 'first' })}
                      style={{ marginBottom: 16 }}
                    >
                      {m('ach.orgAdd')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Typography.Title level={5}>{m('ach.people')}</Typography.Title>
              <Form.List name="people">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                          <Input style={{ width: 160 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'role']}>
                          <Input placeholder={m('ach.personRole')} style={{ width: 200 }} />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                      {m('ach.personAdd')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card variant="borderless" style={{ marginBottom: 16 }}>
              <Form.Item
                name="trl"
                label={`${m('lib.trl')}：TRL ${trl ?? ''} · ${trl ? L(TRL_LABELS[trl]) : ''}`}
                rules={[{ required: true }]}
              >
                <Slider
                  min={1}
                  max={9}
                  marks={Object.fromEntries(Object.keys(TRL_LABELS).map((k) => [k, k]))}
                />
              </Form.Item>
              <Form.Item name="ownership" label={m('ach.ownership')} rules={[{ required: true }]}>
                <Radio.Group>
                  <Space direction="vertical">
                    {Object.entries(OWNERSHIP).map(([k, v]) => (
                      <Radio key={k} value={k}>
                        {L(v)}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
              <Form.Item
                name="transferModes"
                label={m('lib.transferMode')}
                rules={[{ required: true, type: 'array', min: 1 }]}
              >
                <Checkbox.Group
                  options={Object.entries(TRANSFER_MODES).map(([k, v]) => ({ value: k, label: L(v) }))}
                />
              </Form.Item>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item
                    name="priceMin"
                    label={m('ach.priceMin')}
                    rules={[wanRule(m('common.amountInvalid'))]}
                  >
                    <Input suffix={m('common.wan')} inputMode="decimal" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="priceMax"
                    label={m('ach.priceMax')}
                    rules={[wanRule(m('common.amountInvalid'))]}
                  >
                    <Input suffix={m('common.wan')} inputMode="decimal" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card variant="borderless" title={m('ach.researcherContact')} style={{ marginBottom: 16 }}>
              <Form.Item name="contactName" label="姓名 / Name">
                <Input />
              </Form.Item>
              <Form.Item
                name="contactPhone"
                label="电话 / Phone"
                extra={existing?.researcherContact?.phone ?? undefined}
              >
                <Input />
              </Form.Item>
              <Form.Item name="contactEmail" label="邮箱 / E-mail" rules={[{ type: 'email' }]}>
                <Input />
              </Form.Item>
            </Card>
            <Space>
              <Button
                type="primary"
                loading={saving}
                onClick={() => void save()}
                data-testid="achievement-save"
              >
                {m('common.save')}
              </Button>
              <Button onClick={() => nav(-1)}>{m('common.cancel')}</Button>
            </Space>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
