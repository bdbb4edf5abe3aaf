/**
 * 评审轮次 (staff): the round's header with its actions as the API offers them (assign, open, close)
 * and a link to the call's final ranking (FinalRankingPage.tsx), the assignment table
 * (AssignmentTable.tsx) with change / add an expert (ExpertDialog.tsx), the results tab
 * (RoundResults.tsx), and on a panel round its sessions (PanelSessions.tsx).
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Space, Tabs, Tag } from 'antd';
import {
  ArrowLeftOutlined,
  OrderedListOutlined,
  PlayCircleOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { roundsApi, type RoundDetail } from '../../api/review.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { AssignmentTable } from './AssignmentTable.js';
import { RecordPage, ROUND_STATUS_COLOR, roundLabel } from './bits.js';
import { ExpertDialog, type ExpertDialogState } from './ExpertDialog.js';
import { useR } from './i18n.js';
import { PanelSessions } from './PanelSessions.js';
import { RoundResults } from './RoundResults.js';

export function RoundPage() {
  const { id = '' } = useParams();
  return (
    <RecordPage id={id} permission="review.read" load={roundsApi.get}>
      {(round, set, reload) => <Round round={round} onChanged={set} reload={reload} />}
    </RecordPage>
  );
}

function Round({
  round,
  onChanged,
  reload,
}: {
  round: RoundDetail;
  onChanged(r: RoundDetail): void;
  reload(): Promise<void>;
}) {
  const me = useMe();
  const { r, L, fmt, lang } = useR();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<ExpertDialogState>();
  const manage = can(me, 'review.manage');
  const act = (name: string) => manage && round.actions.includes(name);

  const run = async (name: string, fn: () => Promise<RoundDetail>, done: string) => {
    setBusy(name);
    setError(undefined);
    try {
      onChanged(await fn());
      message.success(done);
    } catch (e) {
      setError(problemText(e, lang));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div data-testid="review-round">
      <PageHeader
        title={
          <Space wrap>
            {roundLabel(r, round.kind, round.roundNo)}
            <Tag color={ROUND_STATUS_COLOR[round.status] ?? 'default'} data-testid="round-status">
              {L(round.statusLabel)}
            </Tag>
          </Space>
        }
        subtitle={`${r('rounds.deadline')} ${fmt(round.deadlineAt, 'YYYY-MM-DD HH:mm')} · ${r('rounds.experts')} ${round.expertsPerApplication} · ${r('rounds.blind')} ${round.blind ? r('common.yes') : r('common.no')}`}
        extra={
          <>
            <Link to={`/review/rounds?callId=${round.callId}`}>
              <Button icon={<ArrowLeftOutlined />}>{r('rounds.title')}</Button>
            </Link>
            <Link to={`/review/rounds/final-ranking/${round.callId}`} data-testid="round-final-ranking">
              <Button icon={<OrderedListOutlined />}>{r('round.finalRanking')}</Button>
            </Link>
            {act('assign') && (
              <Button
                loading={busy === 'assign'}
                icon={<TeamOutlined />}
                onClick={() => run('assign', () => roundsApi.assign(round.id), r('round.assigned'))}
                data-testid="round-assign"
              >
                {r('round.assign')}
              </Button>
            )}
            {act('open') && (
              <Button
                type="primary"
                loading={busy === 'open'}
                icon={<PlayCircleOutlined />}
                onClick={() => run('open', () => roundsApi.open(round.id, round.version), r('round.opened'))}
                data-testid="round-open"
              >
                {r('round.open')}
              </Button>
            )}
            {act('close') && (
              <Button
                danger
                loading={busy === 'close'}
                icon={<StopOutlined />}
                onClick={() =>
                  modal.confirm({
                    title: r('round.closeConfirm'),
                    okText: r('round.close'),
                    cancelText: r('common.cancel'),
                    onOk: () =>
                      run('close', () => roundsApi.close(round.id, round.version), r('round.closed')),
                  })
                }
                data-testid="round-close"
              >
                {r('round.close')}
              </Button>
            )}
          </>
        }
      />
      {!manage && <Alert type="info" showIcon message={r('round.readOnly')} style={{ marginBottom: 12 }} />}
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="round-error" />
      )}
      <Card>
        <Tabs
          items={[
            {
              key: 'assign',
              label: r('round.tabAssign'),
              children: <AssignmentTable round={round} manage={manage} onDialog={setDialog} />,
            },
            {
              key: 'results',
              label: <span data-testid="tab-results">{r('round.tabResults')}</span>,
              children: <RoundResults roundId={round.id} />,
            },
            ...(round.kind === 'panelReview'
              ? [
                  {
                    key: 'panel',
                    label: <span data-testid="tab-panel">{r('round.tabPanel')}</span>,
                    children: <PanelSessions round={round} manage={manage} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {dialog && (
        <ExpertDialog
          round={round}
          dialog={dialog}
          onClose={() => setDialog(undefined)}
          onDone={async (next) => {
            setDialog(undefined);
            if (next) onChanged(next);
            else await reload();
          }}
        />
      )}
    </div>
  );
}
