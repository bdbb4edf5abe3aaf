/**
 * 专家评审 (staff): the review rounds of a call (chosen here or linked from the call's page as
 * ?callId=…), and the dialog that creates a round (CreateRoundDialog.tsx).
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { callsApi } from '../../api/programme.js';
import { roundsApi, type RoundSummary } from '../../api/review.js';
import type { CallSummary } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { ROUND_STATUS_COLOR, roundLabel } from './bits.js';
import { CreateRoundDialog } from './CreateRoundDialog.js';
import { useR } from './i18n.js';

export function RoundListPage() {
  const me = useMe();
  const { r, L, fmt, lang } = useR();
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? '';
  const [calls, setCalls] = useState<CallSummary[]>([]);
  const [rows, setRows] = useState<RoundSummary[]>();
  const [error, setError] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const manage = can(me, 'review.manage');

  useEffect(() => {
    callsApi.list({ pageSize: 100 }).then(
      (res) => {
        setCalls(res.items);
        if (!callId && res.items.length) setParams({ callId: res.items[0]!.id }, { replace: true });
      },
      () => setCalls([]),
    );
  }, []);
  const load = () => {
    if (!callId) return setRows([]);
    setRows(undefined);
    roundsApi.list(callId).then(setRows, (e) => {
      setError(e);
      setRows([]);
    });
  };
  useEffect(load, [callId]);

  if (!can(me, 'review.read')) return <Forbidden />;
  return (
    <div data-testid="review-rounds">
      <PageHeader
        title={r('rounds.title')}
        subtitle={r('rounds.subtitle')}
        extra={
          manage &&
          callId && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="round-new"
            >
              {r('rounds.new')}
            </Button>
          )
        }
      />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Typography.Text>{r('rounds.call')}</Typography.Text>
          <Select
            style={{ minWidth: 420 }}
            value={callId || undefined}
            placeholder={r('rounds.callPh')}
            onChange={(v: string) => setParams({ callId: v })}
            options={calls.map((c) => ({ value: c.id, label: `${c.number ?? ''} ${c.title ?? ''}`.trim() }))}
            data-testid="rounds-call"
          />
        </Space>
        {error !== undefined && <Alert type="error" showIcon message={problemText(error, lang)} />}
        <Table<RoundSummary>
          rowKey="id"
          loading={rows === undefined}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: r('rounds.empty') }}
          columns={[
            {
              title: r('rounds.round'),
              render: (_, x) => (
                <Link to={`/review/rounds/${x.id}`} data-testid="round-link">
                  {roundLabel(r, x.kind, x.roundNo)}
                </Link>
              ),
            },
            {
              title: r('rounds.status'),
              render: (_, x) => (
                <Tag color={ROUND_STATUS_COLOR[x.status] ?? 'default'}>{L(x.statusLabel)}</Tag>
              ),
            },
            { title: r('rounds.applications'), dataIndex: 'applications', align: 'right' },
            { title: r('rounds.experts'), dataIndex: 'expertsPerApplication', align: 'right' },
            {
              title: r('rounds.blind'),
              dataIndex: 'blind',
              render: (v: boolean) => (v ? r('common.yes') : r('common.no')),
            },
            {
              title: r('rounds.deadline'),
              dataIndex: 'deadlineAt',
              render: (v: string) => fmt(v, 'YYYY-MM-DD HH:mm'),
            },
            {
              title: r('rounds.view'),
              render: (_, x) => <Link to={`/review/rounds/${x.id}`}>{r('rounds.view')}</Link>,
            },
          ]}
        />
      </Card>
      {creating && (
        <CreateRoundDialog
          callId={callId}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            load();
          }}
        />
      )}
      {!manage && <Typography.Text type="secondary">{r('round.readOnly')}</Typography.Text>}
    </div>
  );
}
