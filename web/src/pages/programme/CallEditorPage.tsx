/** 指南编辑: a call's basics, topics and directions (KPIs, funding in 万元, attachments, rules), JSON, publish/close. */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  List,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, EyeOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { callsApi, type CallDetail, type CallTransition, type ImportProblem } from '../../api/programme.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { kpiAmountFen, isMoneyUnit } from '../../../../server/src/modules/calls/call.schema.js';
import { CALL_STATUS_COLOR } from './bits.js';
import { DirectionsEditor } from './DirectionsEditor.js';
import { useP } from './i18n.js';
import { fenToWan, wanToFen } from './money.js';
import { RulesPanel } from './RulesPanel.js';

const FUNDING_MONEY = ['capPerProjectFen', 'firstYearCapFen'];
const NEW_CALL = {
  schemaVersion: 1,
  status: 'draft',
  year: new Date().getFullYear(),
  reviewMode: 'twoRounds',
  commonEligibility: [],
  commonAttachments: [],
  topics: [],
};

const toLocal = (s?: string) => (s ? dayjs(s).tz('Asia/Shanghai').format('YYYY-MM-DDTHH:mm') : undefined);
const fromLocal = (s?: string) => (s ? `${s.length === 16 ? `${s}:00` : s}+08:00` : undefined);

/** Call document → form values (money in 万元, window as local Beijing time). */
function toEditor(doc: Record<string, any>) {
  const v = JSON.parse(JSON.stringify(doc));
  if (v.window)
    v.window = { ...v.window, opensAt: toLocal(v.window.opensAt), closesAt: toLocal(v.window.closesAt) };
  for (const t of v.topics ?? [])
    for (const d of t.directions ?? [])
      for (const k of FUNDING_MONEY)
        if (d.fundingRules && typeof d.fundingRules[k] === 'number')
          d.fundingRules[k] = fenToWan(d.fundingRules[k]);
  return v;
}

/** Form values → call document: 万元 → fen, local time → +08:00, money KPIs get their exact valueFen. */
function fromEditor(v: Record<string, any>, base: Record<string, any>) {
  const doc = { ...base, ...JSON.parse(JSON.stringify(v)) };
  if (doc.window)
    doc.window = {
      ...doc.window,
      opensAt: fromLocal(doc.window.opensAt),
      closesAt: fromLocal(doc.window.closesAt),
    };
  for (const t of doc.topics ?? [])
    for (const d of t.directions ?? []) {
      for (const k of FUNDING_MONEY) {
        const fen = wanToFen(d.fundingRules?.[k]);
        if (fen === undefined) delete d.fundingRules?.[k];
        else if (fen !== null) d.fundingRules[k] = fen;
      }
      for (const kpi of d.kpis ?? []) {
        if (isMoneyUnit(kpi.unit) && typeof kpi.value === 'number') {
          const fen = kpiAmountFen(kpi.value, kpi.unit);
          if (fen !== null) kpi.valueFen = Number(fen);
        } else delete kpi.valueFen;
      }
    }
  return doc;
}

export function CallEditorPage() {
  const me = useMe();
  const { id = '' } = useParams();
  const { p, lang } = useP();
  const [detail, setDetail] = useState<CallDetail | null>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (id === 'new') return void setDetail(undefined);
    callsApi.get(id).then(setDetail, (e) => {
      setError(e);
      setDetail(null);
    });
  }, [id]);
  if (!can(me, 'call.read')) return <Forbidden />;
  if (id !== 'new' && detail === undefined) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (detail === null)
    return <Result status="warning" title={p('calls.title')} subTitle={problemText(error, lang)} />;
  return <Editor key={detail?.id ?? 'new'} detail={detail} onSaved={setDetail} />;
}

function Editor({ detail, onSaved }: { detail?: CallDetail; onSaved(d: CallDetail): void }) {
  const me = useMe();
  const { p, bi, pick, lang, fmt } = useP();
  const { message, modal } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [json, setJson] = useState('');
  const base = detail?.content ?? NEW_CALL;
  const editable = can(me, 'call.manage') && (!detail || detail.status === 'draft');
  const problems: ImportProblem[] = detail?.problems ?? [];

  useEffect(() => {
    form.setFieldsValue(toEditor(base));
    setJson(JSON.stringify(base, null, 2));
    form.setFields(
      problems.map((pr) => ({
        name: pr.path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
        errors: [pick(pr.message, pr.messageEn)],
      })) as never,
    );
  }, [detail]);

  const save = async (content?: Record<string, unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      const doc = content ?? fromEditor(form.getFieldsValue(true), base);
      const saved = detail
        ? await callsApi.update(detail.id, doc, detail.version)
        : await callsApi.create(doc);
      message.success(p('editor.saved'));
      if (!detail) nav(`/programme/calls/${saved.id}`, { replace: true });
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const transition = (t: CallTransition) =>
    modal.confirm({
      title: pick(t.label, t.labelEn),
      content: `${detail?.number ?? ''} ${detail?.title ?? ''}`,
      okText: pick(t.label, t.labelEn),
      cancelText: p('common.cancel'),
      okButtonProps: { 'data-testid': 'transition-ok' } as never,
      onOk: async () => {
        try {
          onSaved(await callsApi.transition(detail!.id, t.to === 'closed' ? 'close' : 'publish'));
          message.success(p('flow.done'));
        } catch (e) {
          setError(e);
        }
      },
    });

  const rulesProblems = (prefix: string) =>
    problems
      .filter((x) => x.path.startsWith(`${prefix}.`))
      .map((x) => ({ ...x, path: x.path.slice(prefix.length + 1) }));

  return (
    <div data-testid="page-call-editor" data-status={detail?.status ?? 'new'}>
      <PageHeader
        title={
          <Space>
            {detail?.number ?? p('calls.new')}
            {detail && (
              <Tag color={CALL_STATUS_COLOR[detail.status]} data-testid="call-status">
                {bi(detail.statusLabel)}
              </Tag>
            )}
          </Space>
        }
        subtitle={
          detail
            ? `${detail.title ?? ''} · v${detail.version} · ${fmt(detail.updatedAt, 'YYYY-MM-DD HH:mm')}`
            : p('calls.subtitle')
        }
        extra={
          <>
            {detail && detail.status !== 'draft' && (
              <Link to={`/public/calls/${detail.id}`} target="_blank">
                <Button icon={<EyeOutlined />}>{p('calls.publicPage')}</Button>
              </Link>
            )}
            {detail && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => callsApi.exportJson(detail.id).catch(setError)}
                data-testid="call-export"
              >
                {p('editor.export')}
              </Button>
            )}
            {editable && (
              <Button
                icon={<SaveOutlined />}
                loading={busy}
                onClick={() => void save()}
                data-testid="call-save"
              >
                {p('editor.save')}
              </Button>
            )}
            {detail?.transitions
              .filter((t) => t.allowed || t.reason)
              .map((t) => (
                <Button
                  key={t.action}
                  type="primary"
                  danger={t.to === 'closed'}
                  disabled={!t.allowed}
                  title={t.reason ? bi(t.reason) : undefined}
                  onClick={() => transition(t)}
                  data-testid={`call-${t.to === 'closed' ? 'close' : 'publish'}`}
                >
                  {pick(t.label, t.labelEn)}
                </Button>
              ))}
          </>
        }
      />
      {error !== undefined && (
        <Alert
          type="error"
          showIcon
          closable
          message={problemText(error, lang)}
          style={{ marginBottom: 12 }}
          data-testid="call-error"
        />
      )}
      {detail && detail.status === 'draft' && (
        <Alert
          style={{ marginBottom: 12 }}
          type={problems.length ? 'warning' : 'success'}
          showIcon
          message={
            problems.length ? `${p('editor.problems')}（${problems.length}）` : p('editor.problemsNone')
          }
          data-testid="call-problems"
          description={
            problems.length > 0 && (
              <List
                size="small"
                dataSource={problems.slice(0, 12)}
                renderItem={(x) => (
                  <List.Item style={{ padding: '2px 0' }}>
                    <Typography.Text code>{x.path}</Typography.Text>
                    <span style={{ marginLeft: 8 }}>{pick(x.message, x.messageEn)}</span>
                  </List.Item>
                )}
              />
            )
          }
        />
      )}
      {!editable && detail && (
        <Alert type="info" showIcon message={p('editor.readOnly')} style={{ marginBottom: 12 }} />
      )}
      <Card variant="borderless">
        <Form form={form} layout="vertical" name="call" disabled={!editable}>
          <Tabs
            items={[
              {
                key: 'basic',
                label: p('editor.basic'),
                forceRender: true,
                children: (
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
                ),
              },
              {
                key: 'directions',
                label: p('editor.directions'),
                forceRender: true,
                children: <DirectionsEditor disabled={!editable} problems={problems} />,
              },
              {
                key: 'common',
                label: p('editor.common'),
                forceRender: true,
                children: (
                  <>
                    <Typography.Title level={5}>{p('rules.commonTitle')}</Typography.Title>
                    <Form.Item name="commonEligibility" noStyle>
                      <RulesPanel
                        disabled={!editable}
                        serverProblems={rulesProblems('commonEligibility')}
                        testId="rules-common"
                      />
                    </Form.Item>
                    <Typography.Title level={5} style={{ marginTop: 24 }}>
                      {p('editor.attachments')}
                    </Typography.Title>
                    <Form.Item noStyle shouldUpdate>
                      {(f) => (
                        <List
                          size="small"
                          bordered
                          dataSource={(f.getFieldValue('commonAttachments') ?? []) as any[]}
                          renderItem={(a) => (
                            <List.Item>
                              <Space>
                                <Typography.Text code>{a.type}</Typography.Text>
                                {pick(a.label, a.labelEn)}
                                {a.when && (
                                  <Tag>
                                    {p('att.when')}：{pick(a.when.label, a.when.labelEn)}
                                  </Tag>
                                )}
                              </Space>
                            </List.Item>
                          )}
                        />
                      )}
                    </Form.Item>
                  </>
                ),
              },
              {
                key: 'json',
                label: p('editor.json'),
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Input.TextArea
                      value={json}
                      onChange={(e) => setJson(e.target.value)}
                      autoSize={{ minRows: 20, maxRows: 40 }}
                      style={{ fontFamily: 'monospace', fontSize: 12 }}
                      data-testid="call-json"
                    />
                    {editable && (
                      <Button
                        type="primary"
                        onClick={() => {
                          try {
                            void save(JSON.parse(json));
                          } catch (e) {
                            setError(new Error(`${p('rules.invalidJson')}：${(e as Error).message}`));
                          }
                        }}
                      >
                        {p('editor.save')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Form>
      </Card>
    </div>
  );
}
