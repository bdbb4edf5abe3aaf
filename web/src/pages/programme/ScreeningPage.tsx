/** 形式审查: per call, every submitted application's result, findings, confirm/override with a reason, Excel. */
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { DownloadOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  callsApi,
  screeningApi,
  type CallSummary,
  type PublicCall,
  type ScreeningItem,
  type ScreeningList,
} from '../../api/programme.js';
import type { Query } from '../../api/client.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { ResultTag, VerdictIcon } from './bits.js';
import { useP } from './i18n.js';
import { showFen } from './money.js';

type Finding = ScreeningItem['findings'][number];

export function ScreeningPage() {
  const me = useMe();
  return can(me, 'screening.read') ? <Screening /> : <Forbidden />;
}

function Screening() {
  const me = useMe();
  const { p, lang, fmt, bi, pick } = useP();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [calls, setCalls] = useState<CallSummary[]>([]);
  const callId = params.get('call') ?? undefined;
  const [call, setCall] = useState<PublicCall>();
  const [filters, setFilters] = useState<Query>({});
  const [data, setData] = useState<ScreeningList>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [deciding, setDeciding] = useState<{
    item: ScreeningItem;
    finding: Finding;
    action: 'confirm' | 'override';
  } | null>(null);
  const [running, setRunning] = useState<string>();

  useEffect(() => {
    callsApi
      .list({ pageSize: 100 })
      .then((r) => {
        const usable = r.items.filter((c) => c.status !== 'draft');
        setCalls(usable);
        if (!callId && usable[0]) setParams({ call: usable[0].id }, { replace: true });
      })
      .catch(setError);
  }, []);
  useEffect(() => {
    if (callId) callsApi.publicPage(callId).then(setCall, () => setCall(undefined));
  }, [callId]);

  const load = useCallback(() => {
    if (!callId) return;
    setLoading(true);
    screeningApi
      .list(callId, filters)
      .then((d) => {
        setData(d);
        setError(undefined);
      }, setError)
      .finally(() => setLoading(false));
  }, [callId, filters]);
  useEffect(load, [load]);

  const runAll = async () => {
    if (!callId) return;
    try {
      let run = await screeningApi.run(callId);
      while (run.status === 'running') {
        setRunning(p('screen.running', { d: run.done, t: run.total }));
        await new Promise((r) => setTimeout(r, 800));
        run = await screeningApi.runStatus(callId, run.id);
      }
      setRunning(undefined);
      if (run.status === 'failed') message.error(run.error ?? 'failed');
      else message.success(p('screen.runDone'));
      load();
    } catch (e) {
      setRunning(undefined);
      setError(e);
    }
  };

  const columns: ColumnsType<ScreeningItem> = [
    {
      title: p('apps.receipt'),
      dataIndex: 'receiptNumber',
      width: 150,
      render: (v: string | null, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{v ?? '—'}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmt(r.submittedAt, 'MM-DD HH:mm:ss')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: p('apps.org'),
      dataIndex: 'orgName',
      width: 220,
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          <span>{v}</span>
          <Tag bordered={false}>{bi(r.orgTypeLabel)}</Tag>
        </Space>
      ),
    },
    {
      title: p('apps.project'),
      dataIndex: 'projectTitle',
      render: (v: string | null, r) => (
        <Space direction="vertical" size={0}>
          <span>{v ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p('editor.direction')} {r.directionCode} {r.directionTitle}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: p('screen.lead'),
      dataIndex: 'leadName',
      width: 150,
      render: (v: string | null, r) => (v ? `${v} ${r.leadPhone ?? ''}` : '—'),
    },
    {
      title: p('screen.requested'),
      dataIndex: 'requestedGrantFen',
      width: 120,
      render: (v: number | null) => showFen(v, lang),
    },
    {
      title: p('screen.automatic'),
      dataIndex: 'automatic',
      width: 100,
      render: (v: ScreeningItem['automatic']) => <ResultTag result={v} />,
    },
    {
      title: p('screen.result'),
      dataIndex: 'result',
      width: 140,
      render: (v: ScreeningItem['result'], r) => (
        <Space size={4}>
          <ResultTag result={v} />
          {r.overridden && <Tag color="purple">{p('screen.overridden')}</Tag>}
        </Space>
      ),
    },
  ];

  const findingRows = (item: ScreeningItem) => (
    <Table<Finding>
      size="small"
      rowKey="ruleId"
      pagination={false}
      dataSource={item.findings.filter((f) => f.applicable)}
      data-testid={`findings-${item.applicationId}`}
      columns={[
        {
          title: p('rules.sentence'),
          key: 'label',
          render: (_v, f) => (
            <Space align="start">
              <VerdictIcon passed={f.passed} severity={f.severity} />
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{pick(f.label, f.labelEn)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {bi(f.reason)}
                </Typography.Text>
              </Space>
            </Space>
          ),
        },
        {
          title: p('rules.id'),
          dataIndex: 'ruleId',
          width: 200,
          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
        },
        {
          title: p('screen.decision'),
          key: 'decision',
          width: 280,
          render: (_v, f) => (
            <Space direction="vertical" size={2}>
              {f.decision && (
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 12 }}
                  data-testid={`decision-${f.ruleId}`}
                >
                  {p('screen.decided', {
                    who: f.decision.actorId.slice(0, 8),
                    at: fmt(f.decision.at, 'MM-DD HH:mm'),
                    a: f.decision.action === 'override' ? p('screen.override') : p('screen.confirm'),
                  })}
                  ：{f.decision.reason}
                </Typography.Text>
              )}
              {can(me, 'screening.decide') && (
                <Space size={0}>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setDeciding({ item, finding: f, action: 'confirm' })}
                  >
                    {p('screen.confirm')}
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setDeciding({ item, finding: f, action: 'override' })}
                    data-testid={`override-${item.applicationId}-${f.ruleId}`}
                  >
                    {p('screen.override')}
                  </Button>
                </Space>
              )}
            </Space>
          ),
        },
      ]}
    />
  );

  const directions = call?.directions ?? [];
  return (
    <div data-testid="page-screening">
      <PageHeader
        title={p('screen.title')}
        subtitle={p('screen.subtitle')}
        extra={
          <>
            {can(me, 'screening.run') && (
              <Button
                icon={<PlayCircleOutlined />}
                onClick={() => void runAll()}
                loading={!!running}
                disabled={!callId}
              >
                {running ?? p('screen.run')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              disabled={!callId}
              data-testid="screening-export"
              onClick={() => callId && screeningApi.exportExcel(callId, filters).catch(setError)}
            >
              {p('screen.export')}
            </Button>
          </>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }} onValuesChange={(_c, v) => setFilters(v)}>
          <Form.Item label={p('screen.call')}>
            <Select
              style={{ width: 280 }}
              value={callId}
              onChange={(v) => setParams({ call: v })}
              options={calls.map((c) => ({ value: c.id, label: `${c.number ?? ''} ${c.title ?? ''}` }))}
              data-testid="screening-call"
            />
          </Form.Item>
          <Form.Item name="direction" label={p('apps.direction')}>
            <Select
              allowClear
              placeholder={p('common.all')}
              style={{ width: 220 }}
              options={directions.map((d) => ({ value: d.code, label: `${d.code} ${d.title}` }))}
            />
          </Form.Item>
          <Form.Item name="result" label={p('screen.result')}>
            <Select
              allowClear
              placeholder={p('common.all')}
              style={{ width: 120 }}
              options={(['pass', 'fail', 'incomplete'] as const).map((r) => ({
                value: r,
                label: p(`result.${r}`),
              }))}
              data-testid="screening-filter-result"
            />
          </Form.Item>
          <Form.Item name="orgType" label={p('screen.orgType')}>
            <Select
              allowClear
              placeholder={p('common.all')}
              style={{ width: 160 }}
              options={[
                'university',
                'researchInstitute',
                'hospital',
                'enterprise',
                'transferInstitution',
                'other',
              ].map((t) => ({ value: t, label: pick(ORG_ZH[t][0], ORG_ZH[t][1]) }))}
            />
          </Form.Item>
          <Form.Item name="overridden" label={p('screen.overridden')}>
            <Select
              allowClear
              placeholder={p('common.all')}
              style={{ width: 100 }}
              options={[
                { value: 'true', label: p('screen.yes') },
                { value: 'false', label: p('screen.no') },
              ]}
            />
          </Form.Item>
        </Form>
      </Card>
      {data && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          {(
            [
              ['total', p('screen.total'), undefined],
              ['pass', p('result.pass'), '#52c41a'],
              ['fail', p('result.fail'), '#ff4d4f'],
              ['incomplete', p('result.incomplete'), '#faad14'],
              ['unscreened', p('screen.unscreened'), '#8c8c8c'],
              ['overridden', p('screen.overridden'), '#722ed1'],
            ] as const
          ).map(([k, label, color]) => (
            <Col span={4} key={k}>
              <Card variant="borderless" size="small">
                <Statistic
                  title={label}
                  value={data.summary[k]}
                  valueStyle={color ? { color } : undefined}
                  data-testid={`screen-sum-${k}`}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card variant="borderless" extra={<Button type="text" icon={<ReloadOutlined />} onClick={load} />}>
        {error !== undefined && (
          <Alert type="error" showIcon message={problemText(error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<ScreeningItem>
          rowKey="applicationId"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1200 }}
          expandable={{ expandedRowRender: findingRows, rowExpandable: () => true }}
          locale={{ emptyText: <Empty description={p('screen.empty')} /> }}
          pagination={{ pageSize: 20 }}
          data-testid="screening-table"
        />
      </Card>
      <DecisionModal
        value={deciding}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          message.success(p('flow.done'));
          load();
        }}
      />
    </div>
  );
}

const ORG_ZH: Record<string, [string, string]> = {
  university: ['高校', 'University'],
  researchInstitute: ['科研院所', 'Research institute'],
  hospital: ['医疗卫生机构', 'Hospital'],
  enterprise: ['企业', 'Enterprise'],
  transferInstitution: ['技术转移机构', 'Transfer institution'],
  other: ['其他', 'Other'],
};

function DecisionModal({
  value,
  onClose,
  onDone,
}: {
  value: { item: ScreeningItem; finding: Finding; action: 'confirm' | 'override' } | null;
  onClose(): void;
  onDone(): void;
}) {
  const { p, pick, lang } = useP();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!value) return;
    form.resetFields();
    setError(undefined);
    form.setFieldsValue({ verdict: value.finding.passed === true ? 'fail' : 'pass' });
  }, [value, form]);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await screeningApi.decide(value!.item.applicationId, {
        ruleId: value!.finding.ruleId,
        action: value!.action,
        ...(value!.action === 'override' ? { verdict: v.verdict } : {}),
        reason: v.reason,
      });
      onDone();
    } catch (e) {
      setError(applyProblem(form, e, lang, ['reason', 'verdict']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!value}
      onCancel={onClose}
      onOk={() => void ok().catch(() => undefined)}
      confirmLoading={busy}
      okText={p('common.ok')}
      cancelText={p('common.cancel')}
      okButtonProps={{ 'data-testid': 'decision-ok' } as never}
      title={
        value &&
        p('screen.decideTitle', {
          a: value.action === 'override' ? p('screen.override') : p('screen.confirm'),
          r: pick(value.finding.label, value.finding.labelEn),
        })
      }
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="decision">
        {value?.action === 'override' && (
          <Form.Item name="verdict" label={p('screen.verdict')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'pass', label: p('result.pass') },
                { value: 'fail', label: p('result.fail') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={p('screen.reason')}
          rules={[{ required: true, min: 2, whitespace: true, message: p('flow.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="decision-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
