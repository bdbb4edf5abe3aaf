/**
 * 最终排名 of a call (staff, auditors): per direction, the rank, round 1's rank, the panel's score and
 * decision (two-round calls) and the grant requested — what the funding plan and the public notice are
 * drafted from. Reached from a round's page (RoundPage.tsx).
 */
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { panelApi, type FinalRanking } from '../../api/review.js';
import { PageHeader } from '../../components/PageHeader.js';
import { showFen } from '../../../../shared/money.js';
import { RecordPage } from './bits.js';
import { useR } from './i18n.js';
import { DECISION_COLOR } from './PanelSessions.js';

type Row = FinalRanking['items'][number];

export function FinalRankingPage() {
  const { id = '' } = useParams();
  return (
    <RecordPage id={id} permission="review.read" load={panelApi.finalRanking}>
      {(ranking) => <Ranking ranking={ranking} />}
    </RecordPage>
  );
}

function Ranking({ ranking }: { ranking: FinalRanking }) {
  const { r, lang } = useR();
  const twoRounds = ranking.reviewMode === 'twoRounds';
  const byDirection = new Map<string, Row[]>();
  for (const it of ranking.items)
    byDirection.set(it.directionCode, [...(byDirection.get(it.directionCode) ?? []), it]);
  return (
    <div data-testid="final-ranking">
      <PageHeader
        title={r('final.title')}
        subtitle={r('final.subtitle')}
        extra={
          <Link to={`/review/rounds?callId=${ranking.callId}`}>
            <Button icon={<ArrowLeftOutlined />}>{r('rounds.title')}</Button>
          </Link>
        }
      />
      <Alert
        type={ranking.complete ? 'success' : 'info'}
        showIcon
        message={ranking.complete ? r('final.complete') : r('final.incomplete')}
        style={{ marginBottom: 12 }}
        data-testid="final-complete"
      />
      <Card>
        {ranking.items.length === 0 && (
          <Typography.Paragraph type="secondary">{r('final.empty')}</Typography.Paragraph>
        )}
        {[...byDirection.entries()].map(([code, rows]) => (
          <div key={code} style={{ marginBottom: 20 }} data-testid={`final-direction-${code}`}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {r('round.direction')} {code} · {rows[0]!.directionTitle}
            </Typography.Title>
            <Table<Row>
              size="small"
              rowKey="applicationId"
              dataSource={rows}
              pagination={false}
              scroll={{ x: 900 }}
              columns={[
                { title: r('final.rank'), dataIndex: 'rank', width: 70 },
                {
                  title: r('round.application'),
                  render: (_, x) => (
                    <div>
                      <div>{x.projectTitle ?? '—'}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[x.receiptNumber, x.orgName].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </div>
                  ),
                },
                { title: r('final.round1Rank'), dataIndex: 'round1Rank', width: 110, align: 'right' },
                ...(twoRounds
                  ? [
                      {
                        title: r('final.panelScore'),
                        width: 110,
                        align: 'right' as const,
                        render: (_: unknown, x: Row) =>
                          x.panelScore === null ? '—' : x.panelScore.toFixed(1),
                      },
                      {
                        title: r('final.decision'),
                        width: 130,
                        render: (_: unknown, x: Row) =>
                          x.panelDecision ? (
                            <Tag color={DECISION_COLOR[x.panelDecision]}>
                              {r(`panel.d.${x.panelDecision}`)}
                            </Tag>
                          ) : (
                            <Typography.Text type="secondary">{r('final.undecided')}</Typography.Text>
                          ),
                      },
                    ]
                  : []),
                {
                  title: r('final.score'),
                  width: 100,
                  align: 'right',
                  render: (_, x) => x.score.toFixed(1),
                },
                {
                  title: r('results.requested'),
                  width: 150,
                  align: 'right',
                  render: (_, x) => showFen(x.requestedGrantFen, lang),
                },
              ]}
            />
          </div>
        ))}
      </Card>
    </div>
  );
}
