/**
 * 立项公示 (staff): the public notices of the calls (one call picked, or all), with their period,
 * state and objections; a call's funding plan (资助计划), from which its notice is drafted, one click away.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { AccountBookOutlined } from '@ant-design/icons';
import { callsApi } from '../../api/programme.js';
import { noticesApi, type NoticeSummary } from '../../api/notice.js';
import type { CallSummary } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { NOTICE_STATUS_COLOR, stateText } from './bits.js';
import { useN } from './i18n.js';

export function NoticeListPage() {
  const me = useMe();
  const { n, L, lang } = useN();
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? '';
  const [calls, setCalls] = useState<CallSummary[]>([]);
  const [rows, setRows] = useState<NoticeSummary[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    callsApi.list({ pageSize: 100 }).then(
      (res) => setCalls(res.items),
      () => setCalls([]),
    );
  }, []);
  const load = () => {
    setRows(undefined);
    noticesApi.list(callId || undefined).then(
      (res) => setRows(res.items),
      (e) => {
        setError(e);
        setRows([]);
      },
    );
  };
  useEffect(load, [callId]);
  const callName = (id: string) => {
    const c = calls.find((x) => x.id === id);
    return c ? `${c.number ?? ''} ${c.title ?? ''}`.trim() : id;
  };

  if (!can(me, 'review.read')) return <Forbidden />;
  return (
    <div data-testid="notices">
      <PageHeader
        title={n('list.title')}
        subtitle={n('list.subtitle')}
        extra={
          callId && (
            <Link to={`/review/notices/plans/${callId}`}>
              <Button type="primary" icon={<AccountBookOutlined />} data-testid="notice-new">
                {n('list.new')}
              </Button>
            </Link>
          )
        }
      />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Typography.Text>{n('list.call')}</Typography.Text>
          <Select
            style={{ minWidth: 420 }}
            value={callId}
            onChange={(v: string) => setParams(v ? { callId: v } : {})}
            options={[
              { value: '', label: n('list.allCalls') },
              ...calls.map((c) => ({ value: c.id, label: callName(c.id) })),
            ]}
            data-testid="notices-call"
          />
        </Space>
        {error !== undefined && <Alert type="error" showIcon message={problemText(error, lang)} />}
        <Table<NoticeSummary>
          rowKey="id"
          loading={rows === undefined}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: n('list.empty') }}
          columns={[
            {
              title: n('col.title'),
              render: (_, x) => (
                <Link to={`/review/notices/${x.id}`} data-testid="notice-link">
                  {x.title}
                </Link>
              ),
            },
            { title: n('col.call'), render: (_, x) => callName(x.callId) },
            {
              title: n('col.period'),
              render: (_, x) => (
                <span data-testid="notice-period">
                  {L(x.period.text)}（{n('period.days', { days: x.period.workingDays })}）
                </span>
              ),
            },
            {
              title: n('col.status'),
              render: (_, x) => (
                <Space size={4}>
                  <Tag color={NOTICE_STATUS_COLOR[x.status] ?? 'default'} data-testid="notice-status">
                    {L(x.statusLabel)}
                  </Tag>
                  {x.status === 'published' && <Tag>{stateText(n, x.state)}</Tag>}
                </Space>
              ),
            },
            {
              title: n('col.objections'),
              align: 'right',
              render: (_, x) => (
                <span data-testid="notice-objections">
                  {n('col.objectionCount', { n: x.objectionCount, u: x.undecidedCount })}
                </span>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
