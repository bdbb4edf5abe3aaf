/**
 * 任务书 (Programme III): the agreements the caller may see (one call picked, or all), and for programme
 * staff the call's awarded projects still without one, each drafted with one click.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { showFen } from '../../../../shared/money.js';
import { agreementsApi, type AgreementSummary, type AwaitingAgreement } from '../../api/projects.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { AGREEMENT_STATUS_COLOR, CallPicker } from './bits.js';
import { usePj } from './i18n.js';

export function AgreementListPage() {
  const me = useMe();
  const { pj, L, lang } = usePj();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const callId = params.get('callId') ?? '';
  const [rows, setRows] = useState<AgreementSummary[]>();
  const [awaiting, setAwaiting] = useState<AwaitingAgreement[]>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const manage = can(me, 'agreement.manage');

  useEffect(() => {
    setRows(undefined);
    agreementsApi.list({ callId: callId || undefined, pageSize: 100 }).then(
      (res) => setRows(res.items),
      (e) => {
        setError(problemText(e, lang));
        setRows([]);
      },
    );
    setAwaiting(undefined);
    if (callId && manage)
      agreementsApi.awaiting(callId).then(
        (res) => setAwaiting(res.items),
        () => setAwaiting([]),
      );
  }, [callId]);

  if (!can(me, 'agreement.read')) return <Forbidden />;

  const create = async (a: AwaitingAgreement) => {
    setBusy(a.applicationId);
    setError(undefined);
    try {
      const made = await agreementsApi.create(callId, a.applicationId);
      message.success(pj('list.created'));
      navigate(`/programme/agreements/${made.id}`);
    } catch (e) {
      setError(problemText(e, lang));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div data-testid="agreements">
      <PageHeader title={pj('list.title')} subtitle={pj('list.subtitle')} />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Typography.Text>{pj('list.call')}</Typography.Text>
          <CallPicker
            value={callId}
            onChange={(v) => setParams(v ? { callId: v } : {})}
            placeholder={pj('list.pickCall')}
            allLabel={pj('list.pickCall')}
            testId="agreements-call"
          />
        </Space>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {awaiting && (
          <>
            <Typography.Title level={5} data-testid="awaiting-title">
              {pj('list.awaiting', { n: awaiting.length })}
            </Typography.Title>
            {awaiting.length === 0 ? (
              <Typography.Paragraph type="secondary">{pj('list.awaitingNone')}</Typography.Paragraph>
            ) : (
              <Table<AwaitingAgreement>
                rowKey="applicationId"
                size="small"
                dataSource={awaiting}
                pagination={false}
                style={{ marginBottom: 24 }}
                data-testid="awaiting"
                columns={[
                  { title: pj('col.project'), dataIndex: 'projectTitle' },
                  { title: pj('col.org'), dataIndex: 'orgName', width: 220 },
                  {
                    title: pj('col.direction'),
                    width: 200,
                    render: (_: unknown, a) => `${a.directionCode} ${a.directionTitle}`,
                  },
                  {
                    title: pj('col.grant'),
                    width: 140,
                    align: 'right' as const,
                    render: (_: unknown, a) => (
                      <span>
                        {showFen(a.grantFen, lang)}{' '}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {a.grantSource === 'record' ? pj('list.grantRecord') : pj('list.grantAward')}
                        </Typography.Text>
                      </span>
                    ),
                  },
                  {
                    width: 140,
                    render: (_: unknown, a) => (
                      <Button
                        size="small"
                        type="primary"
                        icon={<FileAddOutlined />}
                        loading={busy === a.applicationId}
                        disabled={a.grantFen === null}
                        onClick={() => create(a)}
                        data-testid="agreement-create"
                      >
                        {pj('list.create')}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
        <Typography.Title level={5}>{pj('list.agreements', { n: rows?.length ?? 0 })}</Typography.Title>
        <Table<AgreementSummary>
          rowKey="id"
          loading={!rows}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: pj('list.empty') }}
          data-testid="agreement-list"
          columns={[
            {
              title: pj('col.project'),
              width: 340,
              render: (_: unknown, a) => (
                <Link to={`/programme/agreements/${a.id}`} data-testid="agreement-link">
                  {a.projectTitle}
                </Link>
              ),
            },
            { title: pj('col.org'), dataIndex: 'orgName', width: 200 },
            {
              title: pj('col.direction'),
              width: 180,
              render: (_: unknown, a) => `${a.directionCode} ${a.directionTitle}`,
            },
            {
              title: pj('col.period'),
              width: 200,
              render: (_: unknown, a) => `${a.startDate} ~ ${a.endDate}`,
            },
            {
              title: pj('col.grant'),
              width: 120,
              align: 'right' as const,
              render: (_: unknown, a) => showFen(a.grantFen, lang),
            },
            {
              title: pj('col.paid'),
              width: 120,
              align: 'right' as const,
              render: (_: unknown, a) => showFen(a.paidFen, lang),
            },
            {
              title: pj('col.status'),
              width: 130,
              render: (_: unknown, a) => (
                <Tag color={AGREEMENT_STATUS_COLOR[a.status]} data-testid="agreement-status">
                  {L(a.statusLabel)}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
