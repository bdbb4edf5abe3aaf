/** 资金拨付: a call's disbursement ledger — the sums by state and each project's tranches. */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { showFen } from '../../../../shared/money.js';
import { agreementsApi, type Ledger } from '../../api/projects.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { CallPicker, TRANCHE_STATUS_COLOR } from './bits.js';
import { usePj } from './i18n.js';

type Row = Ledger['rows'][number];

export function LedgerPage() {
  const me = useMe();
  const { pj, L, lang } = usePj();
  const [params, setParams] = useSearchParams();
  const [callId, setCallId] = useState(params.get('callId') ?? '');
  const [ledger, setLedger] = useState<Ledger>();
  const [error, setError] = useState<string>();

  // without a call picked: the call of the first agreement the caller may see
  useEffect(() => {
    if (callId) return;
    agreementsApi.list({ pageSize: 1 }).then(
      (res) => res.items[0] && setCallId(res.items[0].callId),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (!callId) return;
    setLedger(undefined);
    agreementsApi.ledger(callId).then(setLedger, (e) => setError(problemText(e, lang)));
  }, [callId]);

  if (!can(me, 'agreement.read')) return <Forbidden />;
  const yuan = (fen: number) => showFen(fen, lang);
  return (
    <div data-testid="ledger">
      <PageHeader title={pj('ledger.title')} subtitle={pj('ledger.subtitle')} />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Typography.Text>{pj('list.call')}</Typography.Text>
          <CallPicker
            value={callId}
            onChange={(v) => {
              setCallId(v);
              setParams(v ? { callId: v } : {});
            }}
            placeholder={pj('list.pickCall')}
            testId="ledger-call"
          />
        </Space>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {ledger && (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }} data-testid="ledger-summary">
              <Col span={4}>
                <Statistic title={pj('ledger.agreements')} value={ledger.agreements} />
              </Col>
              <Col span={4}>
                <Statistic title={pj('ledger.grant')} value={yuan(ledger.grantFen)} />
              </Col>
              <Col span={4}>
                <Statistic title={pj('ledger.paid')} value={yuan(ledger.byStatus.paid)} />
              </Col>
              <Col span={4}>
                <Statistic title={pj('ledger.approved')} value={yuan(ledger.byStatus.approved)} />
              </Col>
              <Col span={4}>
                <Statistic title={pj('ledger.requested')} value={yuan(ledger.byStatus.requested)} />
              </Col>
              <Col span={4}>
                <Statistic title={pj('ledger.scheduled')} value={yuan(ledger.byStatus.scheduled)} />
              </Col>
            </Row>
            <Table<Row>
              rowKey="agreementId"
              dataSource={ledger.rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="ledger-rows"
              columns={[
                {
                  title: pj('col.project'),
                  render: (_: unknown, r) => (
                    <Link to={`/programme/agreements/${r.agreementId}`}>{r.projectTitle}</Link>
                  ),
                },
                { title: pj('col.org'), dataIndex: 'orgName', width: 220 },
                {
                  title: pj('col.grant'),
                  width: 120,
                  align: 'right' as const,
                  render: (_: unknown, r) => yuan(r.grantFen),
                },
                {
                  title: pj('col.paid'),
                  width: 120,
                  align: 'right' as const,
                  render: (_: unknown, r) => yuan(r.paidFen),
                },
                {
                  title: pj('ledger.tranches'),
                  width: 420,
                  render: (_: unknown, r) => (
                    <Space wrap size={4}>
                      {r.tranches.map((t) => (
                        <Tag key={t.seq} color={TRANCHE_STATUS_COLOR[t.status]}>
                          {t.seq}. {yuan(t.amountFen)} {L(t.statusLabel)}
                          {t.paidOn ? ` ${t.paidOn}` : ''}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
    </div>
  );
}
