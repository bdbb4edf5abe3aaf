import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Empty, Result, Spin, Steps, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { TrophyOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { marketApi } from '../../api/market.js';
import type { Challenge, ChallengeWinner, PublicNeed } from '../../api/types.js';
import { useAuth } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { ChallengeManage } from './ChallengeManage.js';
import { ChallengeScreening } from './ChallengeScreening.js';
import { StatusTag, useMarketBase } from './common.js';
import { useMt } from './i18n.js';
import { wanRange } from '../../../../shared/money.js';

const STAGES = ['draft', 'open', 'screening', 'closed', 'resultsPublished'] as const;
const STAGE_LABELS: Record<(typeof STAGES)[number], [string, string]> = {
  draft: ['筹备', 'Draft'],
  open: ['征集方案', 'Solutions'],
  screening: ['专家初筛', 'Screening'],
  closed: ['评选结束', 'Closed'],
  resultsPublished: ['结果公布', 'Results'],
};

function WinnersTable({ winners }: { winners: ChallengeWinner[] }) {
  const { m } = useMt();
  const base = useMarketBase();
  const columns: ColumnsType<ChallengeWinner> = [
    {
      title: m('ch.rank'),
      dataIndex: 'rank',
      width: 80,
      render: (v: number) => (
        <Tag
          color={v === 1 ? 'gold' : v === 2 ? 'default' : v === 3 ? 'orange' : 'blue'}
          icon={<TrophyOutlined />}
        >
          {v}
        </Tag>
      ),
    },
    { title: m('ch.award'), dataIndex: 'award', width: 140, render: (v: string) => v || '—' },
    { title: m('ch.solution'), dataIndex: 'solutionTitle' },
    { title: m('ch.solver'), dataIndex: 'solverName', width: 200 },
    {
      title: m('ch.need'),
      dataIndex: 'needTitle',
      render: (v: string, w) => (
        <>
          <Link to={`${base}/needs/${w.needId}`}>{v}</Link>
          <div style={{ color: 'rgba(0,0,0,0.45)' }}>{w.needOrgName}</div>
        </>
      ),
    },
  ];
  return (
    <Table
      rowKey="solutionId"
      columns={columns}
      dataSource={[...winners].sort((a, b) => a.rank - b.rank)}
      pagination={false}
      data-testid="challenge-winners"
      locale={{ emptyText: <Empty description={m('ch.noResult')} /> }}
    />
  );
}

function NeedsTable({ needs }: { needs: PublicNeed[] }) {
  const { m } = useMt();
  const base = useMarketBase();
  const columns: ColumnsType<PublicNeed> = [
    {
      title: m('need.name'),
      dataIndex: 'title',
      render: (v: string, n) => <Link to={`${base}/needs/${n.id}`}>{v}</Link>,
    },
    { title: m('need.org'), dataIndex: ['org', 'name'], width: 220 },
    { title: m('lib.field'), dataIndex: 'field', width: 120 },
    {
      title: m('need.budget'),
      key: 'budget',
      width: 160,
      render: (_v, n) => wanRange(n.budgetMinFen, n.budgetMaxFen, m('common.wan'), m('common.notSet')),
    },
    { title: m('need.deadline'), dataIndex: 'deadline', width: 120, render: (v: string | null) => v ?? '—' },
    { title: m('need.solutions'), dataIndex: 'solutionCount', width: 90, align: 'right' },
  ];
  return (
    <Table
      rowKey="id"
      columns={columns}
      dataSource={needs}
      pagination={false}
      data-testid="challenge-needs"
      locale={{ emptyText: <Empty description={m('ch.needsEmpty')} /> }}
    />
  );
}

/**
 * 揭榜挂帅 / 创新挑战赛 detail. Public (/open/challenges/:id): the challenge, its needs and, once
 * published, the winners. Signed in: staff manage the lifecycle; invited experts score solutions.
 */
export function ChallengeDetail() {
  const { id = '' } = useParams();
  const base = useMarketBase();
  const { me } = useAuth();
  const { m, fmt, lang, pick } = useMt();
  const [c, setC] = useState<Challenge | null>(null);
  const [error, setError] = useState<unknown>();
  // bumped after every change so the screening sheet reloads with the challenge
  const [rev, setRev] = useState(0);
  const signedIn = base === '/market' && !!me;
  const manager = signedIn && !!me && can(me, 'challenge.manage');
  const expert = signedIn && !!me && can(me, 'challenge.score');

  const load = useCallback(() => {
    marketApi
      .challenge(id)
      .then((x) => {
        setC(x);
        setError(undefined);
      })
      .catch(setError);
  }, [id]);
  useEffect(load, [load]);

  if (error !== undefined)
    return (
      <Result
        status={error instanceof ApiError && error.status === 404 ? '404' : 'error'}
        title={problemText(error, lang)}
      />
    );
  if (!c) return <Spin className="to-page-spin" />;

  const changed = (x: Challenge) => {
    setC(x);
    setRev((r) => r + 1);
  };
  const published = c.status === 'resultsPublished';
  const stage = STAGES.indexOf(c.status);

  const results = (
    <>
      {published && c.resultNote && (
        <Alert
          type="success"
          showIcon
          message={c.resultNote}
          style={{ marginBottom: 12 }}
          data-testid="result-note"
        />
      )}
      {!published && manager && c.winners.length > 0 && (
        <Alert type="warning" showIcon message={m('ch.noResult')} style={{ marginBottom: 12 }} />
      )}
      <WinnersTable winners={c.winners} />
    </>
  );

  const tabs = [
    {
      key: 'needs',
      label: `${m('ch.needs')} (${c.needs.length})`,
      children: <NeedsTable needs={c.needs} />,
    },
    ...(manager || expert
      ? [
          {
            key: 'screening',
            label: m('ch.screening'),
            children: <ChallengeScreening challenge={c} rev={rev} />,
          },
        ]
      : []),
    { key: 'results', label: m('ch.winners'), children: results },
  ];

  return (
    <div data-testid="page-challenge-detail">
      <PageHeader
        title={c.title}
        subtitle={
          <>
            <Tag color={c.kind === 'jiebang' ? 'red' : 'blue'}>
              {m(c.kind === 'jiebang' ? 'ch.kind.jiebang' : 'ch.kind.challenge')}
            </Tag>
            <StatusTag status={c.status} label={c.statusLabel} />
          </>
        }
        extra={manager ? <ChallengeManage challenge={c} onChanged={changed} /> : undefined}
      />
      {!signedIn && (
        <Alert type="info" showIcon message={m('ch.publicNotice')} style={{ marginBottom: 16 }} />
      )}
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={stage}
          status={published ? 'finish' : 'process'}
          items={STAGES.map((s) => ({ title: pick(...STAGE_LABELS[s]) }))}
          style={{ marginBottom: 20 }}
        />
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={m('ch.organiser')}>{c.organiser.name}</Descriptions.Item>
          <Descriptions.Item label={m('ch.period')}>
            {`${fmt(c.opensAt, 'YYYY-MM-DD')} ~ ${fmt(c.closesAt, 'YYYY-MM-DD')}`}
          </Descriptions.Item>
          <Descriptions.Item label={m('ch.rounds')}>
            <span data-testid="challenge-round">{m('ch.round', { n: c.currentRound, total: c.rounds })}</span>
          </Descriptions.Item>
          {c.resultsPublishedAt && (
            <Descriptions.Item label={m('ch.publishedAt')}>
              {fmt(c.resultsPublishedAt, 'YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
          )}
        </Descriptions>
        {c.description && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }}>
            {c.description}
          </Typography.Paragraph>
        )}
      </Card>
      <Card variant="borderless">
        {signedIn ? (
          // remounted on publication so the results tab comes first once there are results
          <Tabs
            key={published ? 'published' : 'running'}
            items={tabs}
            defaultActiveKey={published ? 'results' : 'needs'}
          />
        ) : (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {m('ch.needs')}
            </Typography.Title>
            <NeedsTable needs={c.needs} />
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              {m('ch.winners')}
            </Typography.Title>
            {results}
          </>
        )}
      </Card>
    </div>
  );
}
