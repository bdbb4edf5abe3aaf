/**
 * A round's assignment table (staff): per application its experts (affinity, matched terms, status,
 * source, the reason of a change or a decline) and the experts excluded from it with each reason,
 * under the solver's report; staff change or add an expert from here (ExpertDialog.tsx).
 */
import { Alert, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import type { AssignedExpert, RoundDetail, RoundItem } from '../../api/review.js';
import { TASK_STATUS_COLOR } from './bits.js';
import type { ExpertDialogState } from './ExpertDialog.js';
import { useR } from './i18n.js';

export function AssignmentTable({
  round,
  manage,
  onDialog,
}: {
  round: RoundDetail;
  manage: boolean;
  onDialog(d: ExpertDialogState): void;
}) {
  const { r, L, fmt } = useR();
  const columns = [
    {
      title: r('round.application'),
      width: 280,
      render: (_: unknown, it: RoundItem) => (
        <div>
          <Typography.Text strong>{it.projectTitle ?? '—'}</Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {[it.receiptNumber, it.orgName].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
          <Tag style={{ marginTop: 4 }}>
            {it.directionCode} {it.directionTitle}
          </Tag>
          {it.shortfall && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 6 }}
              message={L(it.shortfall)}
              data-testid="shortfall"
            />
          )}
        </div>
      ),
    },
    {
      title: r('round.expert'),
      render: (_: unknown, it: RoundItem) =>
        it.experts.length === 0 ? (
          <Typography.Text type="secondary">{r('round.noItems')}</Typography.Text>
        ) : (
          <Space direction="vertical" size={6} style={{ width: '100%' }}>
            {it.experts.map((e) => (
              <ExpertLine
                key={e.assignmentId}
                e={e}
                canChange={
                  manage && round.status !== 'closed' && e.status !== 'replaced' && e.status !== 'submitted'
                }
                onChange={() => onDialog({ kind: 'change', item: it, expert: e })}
              />
            ))}
            {manage && round.status !== 'closed' && (
              <Button
                size="small"
                type="link"
                icon={<TeamOutlined />}
                onClick={() => onDialog({ kind: 'add', item: it })}
              >
                {r('round.add')}
              </Button>
            )}
          </Space>
        ),
    },
    {
      title: r('round.excluded'),
      width: 320,
      render: (_: unknown, it: RoundItem) =>
        it.excluded.length === 0 ? (
          <Typography.Text type="secondary">{r('round.excludedNone')}</Typography.Text>
        ) : (
          <Space direction="vertical" size={4} data-testid="excluded">
            {it.excluded.map((x) => (
              <div key={x.expertUserId}>
                <Typography.Text>{x.expertName}</Typography.Text>
                {x.conflicts.map((c) => (
                  <div key={c.code}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="exclusion-reason">
                      {L(c)}
                    </Typography.Text>
                  </div>
                ))}
              </div>
            ))}
          </Space>
        ),
    },
  ];

  return (
    <>
      {round.report && (
        <Typography.Paragraph type="secondary">
          {r('round.solverReport', {
            total: round.report.totalAffinity.toFixed(2),
            bound: round.report.affinityBound.toFixed(2),
            at: fmt(round.report.solvedAt, 'YYYY-MM-DD HH:mm'),
          })}
        </Typography.Paragraph>
      )}
      <Table<RoundItem>
        rowKey="applicationId"
        dataSource={round.items}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="assignment-table"
      />
    </>
  );
}

function ExpertLine({ e, canChange, onChange }: { e: AssignedExpert; canChange: boolean; onChange(): void }) {
  const { r, L } = useR();
  const gone = e.status === 'replaced' || e.status === 'declined';
  return (
    <div className="to-review-expert" data-testid="assigned-expert" style={{ opacity: gone ? 0.6 : 1 }}>
      <Space wrap size={4}>
        <Typography.Text strong delete={e.status === 'replaced'}>
          {e.expertName}
        </Typography.Text>
        <Typography.Text type="secondary">{e.expertOrgName}</Typography.Text>
        <Tag color={TASK_STATUS_COLOR[e.status] ?? 'default'}>{L(e.statusLabel)}</Tag>
        <Tag bordered={false}>{r(`round.source.${e.source}`)}</Tag>
        <Tooltip title={r('round.affinity')}>
          <Tag color="geekblue" data-testid="affinity">
            {r('round.affinity')} {e.affinity.toFixed(2)}
          </Tag>
        </Tooltip>
        {e.declaredConflict && <Tag color="red">{r('round.declaredConflict')}</Tag>}
        {canChange && (
          <Button size="small" type="link" onClick={onChange} data-testid="expert-change">
            {r('round.change')}
          </Button>
        )}
      </Space>
      {e.matchedTerms.length > 0 && (
        <div data-testid="matched-terms">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r('round.matched')}：
          </Typography.Text>
          {e.matchedTerms.map((t) => (
            <Tag key={t} color="cyan" style={{ fontSize: 12 }}>
              {t}
            </Tag>
          ))}
        </div>
      )}
      {e.changeReason && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {r('round.changeReason', { reason: e.changeReason })}
        </Typography.Text>
      )}
      {e.declineReason && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {r('round.declineReason', { reason: e.declineReason })}
        </Typography.Text>
      )}
    </div>
  );
}
