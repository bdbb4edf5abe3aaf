/**
 * An agreement's change requests (变更申请) and its history: the organisation files an extension or a
 * KPI target adjustment on its signed agreement; programme staff approve or refuse each with a reason;
 * every earlier version of the agreement is listed with what changed it.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { changesApi, type Agreement, type ChangeRequest } from '../../api/projects.js';
import { applyProblem } from '../../components/problem.js';
import { usePj } from './i18n.js';

type Kind = 'extension' | 'kpiTargets';
const STATUS_COLOR: Record<string, string> = { submitted: 'processing', approved: 'green', refused: 'red' };

export function ChangeRequests({
  agreement: a,
  onChange,
}: {
  agreement: Agreement;
  onChange(a: Agreement): void;
}) {
  const { pj, L, fmt, lang } = usePj();
  const { message } = App.useApp();
  const [filing, setFiling] = useState(false);
  const [deciding, setDeciding] = useState<{ change: ChangeRequest; action: 'approve' | 'refuse' }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{
    kind: Kind;
    reason: string;
    newEndDate?: dayjs.Dayjs;
    targets?: Record<string, number>;
  }>();
  const [decision] = Form.useForm<{ reason: string }>();
  const kind = Form.useWatch('kind', form);

  const file = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const targets = Object.entries(v.targets ?? {})
        .filter(([key, t]) => typeof t === 'number' && a.kpis.find((k) => k.key === key)?.target !== t)
        .map(([key, target]) => ({ key, target }));
      onChange(
        await changesApi.file(a.id, {
          kind: v.kind,
          reason: v.reason,
          ...(v.kind === 'extension' && v.newEndDate
            ? { newEndDate: v.newEndDate.format('YYYY-MM-DD') }
            : {}),
          ...(v.kind === 'kpiTargets' ? { targets } : {}),
        }),
      );
      message.success(pj('chg.filed'));
      setFiling(false);
    } catch (e) {
      setError(applyProblem(form, e, lang, ['reason', 'newEndDate', 'targets', 'kind']));
    } finally {
      setBusy(false);
    }
  };
  const decide = async () => {
    if (!deciding) return;
    const v = await decision.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      onChange(
        await changesApi.decide(deciding.change.id, deciding.action, {
          version: deciding.change.version,
          reason: v.reason,
        }),
      );
      message.success(pj(`chg.${deciding.action}d` as never));
      setDeciding(undefined);
    } catch (e) {
      setError(applyProblem(decision, e, lang, ['reason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={pj('chg.title')}
      style={{ marginBottom: 16 }}
      extra={
        a.canFileChange && (
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ kind: 'extension' });
              setError(undefined);
              setFiling(true);
            }}
            data-testid="change-new"
          >
            {pj('chg.new')}
          </Button>
        )
      }
    >
      <Table<ChangeRequest>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={a.changes}
        locale={{ emptyText: pj('chg.none') }}
        data-testid="changes"
        columns={[
          { title: pj('chg.kind'), width: 120, render: (_: unknown, c) => L(c.kindLabel) },
          {
            title: pj('chg.what'),
            render: (_: unknown, c) => (
              <Space direction="vertical" size={2}>
                <Typography.Text>{L(c.summary)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pj('chg.reason')}：{c.reason}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: pj('chg.filedBy'),
            width: 200,
            render: (_: unknown, c) => `${fmt(c.requestedAt, 'YYYY-MM-DD HH:mm')} ${c.requestedBy ?? ''}`,
          },
          {
            title: pj('col.status'),
            width: 260,
            render: (_: unknown, c) => (
              <Space direction="vertical" size={2}>
                <Tag color={STATUS_COLOR[c.status]} data-testid="change-status">
                  {L(c.statusLabel)}
                </Tag>
                {c.decisionReason && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmt(c.decidedAt, 'YYYY-MM-DD HH:mm')} {c.decidedBy}：{c.decisionReason}
                  </Typography.Text>
                )}
                <Space size={4}>
                  {(['approve', 'refuse'] as const)
                    .filter((x) => c.actions.includes(x))
                    .map((x) => (
                      <Button
                        key={x}
                        size="small"
                        type={x === 'approve' ? 'primary' : 'default'}
                        danger={x === 'refuse'}
                        onClick={() => {
                          decision.resetFields();
                          setError(undefined);
                          setDeciding({ change: c, action: x });
                        }}
                        data-testid={`change-${x}`}
                      >
                        {pj(`chg.${x}`)}
                      </Button>
                    ))}
                </Space>
              </Space>
            ),
          },
        ]}
      />
      {a.history.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {pj('chg.history')}
          </Typography.Title>
          <Table
            rowKey="version"
            size="small"
            pagination={false}
            dataSource={a.history}
            data-testid="agreement-history"
            columns={[
              { title: pj('chg.version'), width: 90, dataIndex: 'version' },
              { title: pj('chg.cause'), render: (_: unknown, h: Agreement['history'][number]) => L(h.cause) },
              {
                title: pj('chg.changedAt'),
                width: 220,
                render: (_: unknown, h: Agreement['history'][number]) =>
                  `${fmt(h.changedAt, 'YYYY-MM-DD HH:mm')} ${h.changedBy ?? ''}`,
              },
              { title: pj('chg.endBefore'), width: 140, dataIndex: 'endDate' },
            ]}
          />
        </>
      )}
      {filing && (
        <Modal
          open
          title={pj('chg.new')}
          okText={pj('common.ok')}
          cancelText={pj('common.cancel')}
          onCancel={() => setFiling(false)}
          onOk={file}
          okButtonProps={{ loading: busy, 'data-testid': 'change-ok' } as never}
        >
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical">
            <Form.Item name="kind" label={pj('chg.kind')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'extension', label: pj('chg.extension') },
                  ...(a.kpis.length ? [{ value: 'kpiTargets', label: pj('chg.kpiTargets') }] : []),
                ]}
                data-testid="change-kind"
              />
            </Form.Item>
            {kind === 'extension' && (
              <Form.Item
                name="newEndDate"
                label={pj('chg.newEnd', { end: a.endDate })}
                rules={[{ required: true }]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="change-end" />
              </Form.Item>
            )}
            {kind === 'kpiTargets' &&
              a.kpis.map((k) => (
                <Form.Item
                  key={k.key}
                  name={['targets', k.key]}
                  label={`${k.metric}（${pj('detail.kpiTarget')} ${k.target}${k.unit}）`}
                  initialValue={k.target}
                >
                  <InputNumber min={0} style={{ width: '100%' }} addonAfter={k.unit} />
                </Form.Item>
              ))}
            <Form.Item name="reason" label={pj('chg.reason')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="change-reason" />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {deciding && (
        <Modal
          open
          title={pj(`chg.${deciding.action}`)}
          okText={pj('common.ok')}
          cancelText={pj('common.cancel')}
          onCancel={() => setDeciding(undefined)}
          onOk={decide}
          okButtonProps={{ loading: busy, 'data-testid': 'change-decide-ok' } as never}
        >
          <Typography.Paragraph>{L(deciding.change.summary)}</Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form form={decision} layout="vertical">
            <Form.Item name="reason" label={pj('chg.decisionReason')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="change-decision-reason" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
