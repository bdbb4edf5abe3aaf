/**
 * A round's results (staff, auditors): the ranking per direction (mean, trimmed mean, range,
 * endorsements, the grant requested, spread warnings), optionally standardised per expert, and the
 * Excel export for the decision meeting.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Skeleton, Space, Switch, Table, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { roundsApi, type RoundResults as Results } from '../../api/review.js';
import { problemText } from '../../components/problem.js';
import { showFen } from '../../../../shared/money.js';
import { useR } from './i18n.js';

export function RoundResults({ roundId }: { roundId: string }) {
  const { r, L, lang } = useR();
  const [standardise, setStandardise] = useState(false);
  const [res, setRes] = useState<Results | null>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setRes(undefined);
    roundsApi.results(roundId, standardise).then(setRes, (e) => {
      setError(e);
      setRes(null);
    });
  }, [roundId, standardise]);
  if (res === undefined) return <Skeleton active />;
  if (res === null) return <Alert type="error" showIcon message={problemText(error, lang)} />;
  type Row = Results['items'][number];
  const byDirection = new Map<string, Row[]>();
  for (const it of res.items)
    byDirection.set(it.directionCode, [...(byDirection.get(it.directionCode) ?? []), it]);
  const num = (v: number) => v.toFixed(standardise ? 2 : 1);
  return (
    <div data-testid="results">
      <Space style={{ marginBottom: 12 }} wrap>
        <Switch checked={standardise} onChange={setStandardise} data-testid="results-standardise" />
        <Typography.Text>{r('results.standardise')}</Typography.Text>
        <Typography.Text type="secondary" data-testid="results-progress">
          {r('results.progress', { submitted: res.submitted, expected: res.expected })}
        </Typography.Text>
        <Button
          data-testid="results-export"
          disabled={res.items.length === 0}
          onClick={() => void roundsApi.exportExcel(roundId, standardise).catch(() => undefined)}
        >
          {r('results.export')}
        </Button>
      </Space>
      {res.items.length === 0 && (
        <Typography.Paragraph type="secondary">{r('results.empty')}</Typography.Paragraph>
      )}
      {[...byDirection.entries()].map(([code, rows]) => (
        <div key={code} style={{ marginBottom: 20 }} data-testid={`results-direction-${code}`}>
          <Typography.Title level={5}>
            {r('round.direction')} {code}
          </Typography.Title>
          <Table<Row>
            size="small"
            rowKey="applicationId"
            dataSource={rows}
            pagination={false}
            columns={[
              { title: r('results.rank'), dataIndex: 'rank', width: 70 },
              {
                title: r('round.application'),
                width: 320,
                render: (_, x) => (
                  <div>
                    <div>{x.projectTitle ?? '—'}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[x.receiptNumber, x.orgName].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: r('results.count'), dataIndex: 'count', width: 80, align: 'right' },
              { title: r('results.mean'), width: 90, align: 'right', render: (_, x) => num(x.mean) },
              {
                title: r('results.trimmed'),
                width: 110,
                align: 'right',
                render: (_, x) => num(x.trimmedMean),
              },
              {
                title: r('results.range'),
                width: 120,
                align: 'right',
                render: (_, x) => `${num(x.min)}—${num(x.max)}`,
              },
              { title: r('results.endorse'), dataIndex: 'endorsements', width: 110, align: 'right' },
              {
                title: r('results.requested'),
                width: 120,
                align: 'right',
                render: (_, x) => showFen(x.requestedGrantFen, lang),
              },
              {
                title: r('results.warnings'),
                width: 200,
                render: (_, x) =>
                  x.warnings.length === 0 ? (
                    '—'
                  ) : (
                    <Space direction="vertical" size={2}>
                      {x.warnings.map((w, i) => (
                        <Typography.Text
                          key={i}
                          type="warning"
                          style={{ fontSize: 12 }}
                          data-testid="spread-warning"
                        >
                          <WarningOutlined /> {L(w)}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </div>
      ))}
    </div>
  );
}
