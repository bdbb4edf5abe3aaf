import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Spin,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { marketApi } from '../../api/market.js';
import type { Confidentiality, Need, NeedBody, Quality } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { useMt } from './i18n.js';
import { CONFIDENTIALITY } from './labels.js';
import { fenToWan, wanToFen } from '../../../../shared/money.js';
import { wanRule } from '../../components/wanRule.js';
import { NeedQuality } from './NeedQuality.js';

interface Values {
  title: string;
  problem: string;
  indicators?: string;
  keywords?: string[];
  field: string;
  budgetMin?: string;
  budgetMax?: string;
  deadline?: Dayjs | null;
  confidentiality: Confidentiality;
  summary?: string;
}
const FIELDS = [
  'title',
  'problem',
  'indicators',
  'keywords',
  'field',
  'budgetMinFen',
  'budgetMaxFen',
  'deadline',
  'confidentiality',
  'summary',
];
const lines = (s?: string) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function toBody(v: Values): NeedBody {
  return {
    title: v.title?.trim() ?? '',
    problem: v.problem?.trim() ?? '',
    indicators: lines(v.indicators),
    keywords: v.keywords ?? [],
    field: v.field?.trim() ?? '',
    budgetMinFen: wanToFen(v.budgetMin) ?? null,
    budgetMaxFen: wanToFen(v.budgetMax) ?? null,
    deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
    confidentiality: v.confidentiality,
    summary: v.summary?.trim() || null,
  };
}

/** 发布需求: the need form with the live quality check beside it. */
export function NeedForm() {
  const { id } = useParams();
  const { m, L, lang } = useMt();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm<Values>();
  const [existing, setExisting] = useState<Need | null>(null);
  const [quality, setQuality] = useState<Quality | null>(null);
  const [checking, setChecking] = useState(false);
  const [problemTextValue, setProblemTextValue] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState<false | 'draft' | 'publish'>(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const conf = Form.useWatch('confidentiality', form);

  useEffect(() => {
    if (!id) return;
    marketApi
      .fullNeed(id)
      .then((n) => {
        setExisting(n);
        setQuality(n.quality);
        setProblemTextValue(n.problem);
        form.setFieldsValue({
          title: n.title,
          problem: n.problem,
          indicators: n.indicators.join('\n'),
          keywords: n.keywords,
          field: n.field,
          budgetMin: fenToWan(n.budgetMinFen),
          budgetMax: fenToWan(n.budgetMaxFen),
          deadline: n.deadline ? dayjs(n.deadline) : null,
          confidentiality: n.confidentiality,
          summary: n.summary ?? undefined,
        });
      })
      .catch((e) => setError(problemText(e, lang)));
  }, [id, form, lang]);

  const check = (v: Values) => {
    clearTimeout(timer.current);
    setProblemTextValue(v.problem ?? '');
    if (!v.problem?.trim()) return;
    timer.current = setTimeout(() => {
      const b = toBody(v);
      setChecking(true);
      marketApi
        .qualityCheck({
          problem: b.problem,
          indicators: b.indicators,
          keywords: b.keywords,
          budgetMinFen: b.budgetMinFen,
          budgetMaxFen: b.budgetMaxFen,
          deadline: b.deadline,
        })
        .then(setQuality)
        .catch(() => undefined)
        .finally(() => setChecking(false));
    }, 400);
  };

  const save = async (publish: boolean) => {
    setError('');
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(publish ? 'publish' : 'draft');
    try {
      const body = toBody(v);
      let need = existing
        ? await marketApi.patchNeed(existing.id, { ...body, version: existing.version })
        : await marketApi.createNeed(body);
      if (publish && need.actions.includes('publish'))
        need = await marketApi.publishNeed(need.id, need.version);
      message.success(publish ? m('need.published') : m('ach.saved'));
      nav(`/market/needs/${need.id}`);
    } catch (e) {
      const mapped = applyProblem(form, mapFen(e), lang, FIELDS.map(fieldName));
      setError(mapped);
    } finally {
      setSaving(false);
    }
  };

  if (id && !existing && !error) return <Spin className="to-page-spin" />;
  return (
    <div data-testid="page-need-form">
      <PageHeader title={existing ? existing.title : m('need.new')} subtitle={m('need.subtitle')} />
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card variant="borderless">
            <Form
              form={form}
              layout="vertical"
              initialValues={{ confidentiality: 'public' }}
              onValuesChange={(_c, all) => check(all)}
            >
              <Form.Item name="title" label={m('need.name')} rules={[{ required: true, min: 4, max: 200 }]}>
                <Input placeholder="如：晶圆表面缺陷自动检测设备" data-testid="need-title" />
              </Form.Item>
              <Form.Item
                name="problem"
                label={m('need.problem')}
                extra={m('need.problemHelp')}
                rules={[{ required: true, max: 5000 }]}
              >
                <Input.TextArea rows={6} showCount maxLength={5000} data-testid="need-problem" />
              </Form.Item>
              <Form.Item name="indicators" label={m('need.indicators')} extra={m('need.indicatorsHelp')}>
                <Input.TextArea rows={3} data-testid="need-indicators" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item
                    name="field"
                    label={m('lib.field')}
                    rules={[{ required: true, min: 2, max: 40 }]}
                  >
                    <Input placeholder="集成电路 / 生物医药 / 人工智能" data-testid="need-field" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="keywords" label={m('need.keywords')}>
                    <Select
                      mode="tags"
                      tokenSeparators={[',', '，', ' ']}
                      open={false}
                      data-testid="need-keywords"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item
                    name="budgetMin"
                    label={m('need.budgetMin')}
                    rules={[wanRule(m('common.amountInvalid'))]}
                  >
                    <Input suffix={m('common.wan')} inputMode="decimal" data-testid="need-budget-min" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name="budgetMax"
                    label={m('need.budgetMax')}
                    rules={[wanRule(m('common.amountInvalid'))]}
                  >
                    <Input suffix={m('common.wan')} inputMode="decimal" data-testid="need-budget-max" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="deadline" label={m('need.deadline')}>
                    <DatePicker style={{ width: '100%' }} data-testid="need-deadline" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="confidentiality" label={m('need.confidentiality')}>
                <Radio.Group
                  options={Object.entries(CONFIDENTIALITY).map(([k, v]) => ({ value: k, label: L(v) }))}
                />
              </Form.Item>
              {conf === 'summaryOnly' && (
                <Form.Item name="summary" label={m('need.summary')} rules={[{ required: true, max: 500 }]}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              )}
              <Space>
                <Button onClick={() => void save(false)} loading={saving === 'draft'} data-testid="need-save">
                  {m('need.saveDraft')}
                </Button>
                <Button
                  type="primary"
                  onClick={() => void save(true)}
                  loading={saving === 'publish'}
                  data-testid="need-publish"
                >
                  {m('need.saveAndPublish')}
                </Button>
                <Button onClick={() => nav(-1)}>{m('common.cancel')}</Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <NeedQuality quality={quality} problem={problemTextValue} loading={checking} />
        </Col>
      </Row>
    </div>
  );
}

/** The server names the fen fields; the form holds 万元 fields. */
function fieldName(f: string) {
  return f === 'budgetMinFen' ? 'budgetMin' : f === 'budgetMaxFen' ? 'budgetMax' : f;
}
function mapFen(e: unknown) {
  if (e && typeof e === 'object' && 'errors' in e && Array.isArray((e as { errors: unknown[] }).errors)) {
    for (const f of (e as { errors: Array<{ field: string }> }).errors) f.field = fieldName(f.field);
  }
  return e;
}
