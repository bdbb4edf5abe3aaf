import { useState } from 'react';
import { App, Descriptions, Empty, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { Solution, SolutionAction } from '../../api/types.js';
import { ActionButton, StatusTag } from './common.js';
import { useMt } from './i18n.js';
import { SOLUTION_ACTION_LABELS, SOLUTION_STATUS_LABELS } from './labels.js';
import { fenToWan } from '../../../../shared/money.js';
import { SolutionActionModal } from './SolutionActionModal.js';

const ORDER: SolutionAction[] = [
  'shortlist',
  'reject',
  'introduce',
  'negotiate',
  'sign',
  'close',
  'withdraw',
];

/** The timeline and the feedback of one solution (what the solver sees). */
export function SolutionDetail({ s }: { s: Solution }) {
  const { m, L, fmt } = useMt();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={m('sol.summary')}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {s.summary}
          </Typography.Paragraph>
        </Descriptions.Item>
        {s.approach && <Descriptions.Item label={m('sol.approach')}>{s.approach}</Descriptions.Item>}
        {s.rejectReasonLabel && (
          <Descriptions.Item label={m('sol.reason')}>
            <Tag color="red">{L(s.rejectReasonLabel)}</Tag> {s.rejectText}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={m('sol.feedback')}>
          <span data-testid="solution-feedback-text">{s.feedback ?? '—'}</span>
        </Descriptions.Item>
        {s.contractAmountFen !== null && (
          <Descriptions.Item label={m('sol.signedAmount')}>
            {fenToWan(s.contractAmountFen)} {m('common.wan')}
          </Descriptions.Item>
        )}
        {s.expertScore !== null && (
          <Descriptions.Item label={m('sol.expertScore')}>{s.expertScore}</Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Text strong>{m('sol.timeline')}</Typography.Text>
      <Timeline
        items={s.events.map((e) => ({
          color: e.to === 'rejected' ? 'red' : e.to === 'contractSigned' ? 'green' : 'blue',
          children: (
            <>
              <b>{L(SOLUTION_STATUS_LABELS[e.to]) || e.to}</b> · {fmt(e.at, 'YYYY-MM-DD HH:mm')}
              {e.note && <div style={{ color: 'rgba(0,0,0,0.55)' }}>{e.note}</div>}
            </>
          ),
        }))}
      />
    </Space>
  );
}

/** Solutions of a need or of the caller, with the workflow buttons the server offers. */
export function SolutionsTable({
  items,
  loading,
  onChanged,
  showNeed,
  testId,
}: {
  items: Solution[];
  loading?: boolean;
  onChanged(s: Solution): void;
  showNeed?: boolean;
  testId?: string;
}) {
  const { m, L, fmt } = useMt();
  const { message } = App.useApp();
  const [acting, setActing] = useState<{ s: Solution; action: SolutionAction } | null>(null);
  const columns: ColumnsType<Solution> = [
    {
      title: m('sol.title'),
      dataIndex: 'title',
      width: 240,
      render: (v: string, s) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          {showNeed && (
            <Typography.Text type="secondary">{`${m('sol.need')}：${s.needTitle} · ${s.needOrg.name}`}</Typography.Text>
          )}
        </Space>
      ),
    },
    { title: m('sol.solver'), dataIndex: ['solverOrg', 'name'], width: 160 },
    {
      title: m('lib.trl'),
      dataIndex: 'trl',
      width: 70,
      render: (v: number | null) => (v ? `TRL ${v}` : '—'),
    },
    {
      title: m('sol.quote'),
      dataIndex: 'quoteFen',
      width: 110,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : fenToWan(v)),
    },
    {
      title: m('sol.status'),
      dataIndex: 'status',
      width: 110,
      render: (v: string, s) => <StatusTag status={v} label={s.statusLabel} />,
    },
    {
      title: m('sol.submittedAt'),
      dataIndex: 'createdAt',
      width: 140,
      render: (v: string) => fmt(v, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: m('common.actions'),
      key: 'actions',
      width: 230,
      render: (_v, s) => (
        <Space wrap size={4}>
          {s.actions.length === 0 && '—'}
          {ORDER.filter((a) => s.actions.includes(a)).map((a) => (
            <ActionButton
              key={a}
              size="small"
              action={a}
              actions={s.actions}
              type={a === 'shortlist' || a === 'sign' || a === 'introduce' ? 'primary' : 'default'}
              danger={a === 'reject' || a === 'close' || a === 'withdraw'}
              onClick={() => setActing({ s, action: a })}
            >
              {L(SOLUTION_ACTION_LABELS[a])}
            </ActionButton>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={m('sol.empty')} /> }}
        expandable={{ expandedRowRender: (s) => <SolutionDetail s={s} /> }}
        data-testid={testId}
      />
      {acting && (
        <SolutionActionModal
          solution={acting.s}
          action={acting.action}
          onCancel={() => setActing(null)}
          onDone={(s) => {
            setActing(null);
            message.success(m('ach.done'));
            onChanged(s);
          }}
        />
      )}
    </>
  );
}
