/**
 * One agreement (任务书): its basics and confirmations, the steps the caller may take (the
 * organisation's confirmation, the commission's, reopening with a reason — sensitive ones ask for the
 * password again), the KPI targets against the guide, the budget by year, the disbursement schedule
 * with its tranches (TrancheTable.tsx), the milestones, and the Word export.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  FileWordOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import { showFen } from '../../../../shared/money.js';
import { agreementsApi, type Agreement, type AgreementStep } from '../../api/projects.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { useReauth } from '../../components/useReauth.js';
import { AGREEMENT_STATUS_COLOR } from './bits.js';
import { usePj } from './i18n.js';
import { TrancheTable } from './TrancheTable.js';
import { ChangeRequests } from './ChangeRequests.js';

const CMP: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };
const STEPS: Array<{ step: AgreementStep; action: string; icon: ReactNode }> = [
  { step: 'confirm-org', action: 'confirmOrg', icon: <CheckCircleOutlined /> },
  { step: 'confirm', action: 'confirm', icon: <CheckCircleOutlined /> },
  { step: 'reopen', action: 'reopen', icon: <RollbackOutlined /> },
];

export function AgreementPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { pj, L, fmt, lang } = usePj();
  const { message, modal } = App.useApp();
  const reauth = useReauth();
  const [a, setA] = useState<Agreement | null>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<AgreementStep>();

  useEffect(() => {
    agreementsApi.get(id).then(setA, (e) => {
      setError(problemText(e, lang));
      setA(null);
    });
  }, [id]);

  if (!can(me, 'agreement.read')) return <Forbidden />;
  if (a === undefined) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (a === null) return <Result status="404" title={error} />;

  const run = async (step: AgreementStep, reason?: string) => {
    setBusy(step);
    setError(undefined);
    try {
      setA(
        await reauth.run(() =>
          agreementsApi.act(a.id, step, { version: a.version, ...(reason ? { reason } : {}) }),
        ),
      );
      message.success(pj('step.done', { action: pj(`step.${step}`) }));
    } catch (e) {
      setError(problemText(e, lang));
    } finally {
      setBusy(undefined);
    }
  };
  const ask = (step: AgreementStep) => {
    if (step !== 'reopen') {
      modal.confirm({
        title: pj(`step.${step}.ask` as never),
        okText: pj(`step.${step}`),
        onOk: () => run(step),
      });
      return;
    }
    let reason = '';
    modal.confirm({
      title: pj('step.reopen'),
      content: (
        <Input.TextArea
          rows={3}
          placeholder={pj('step.reopen.reason')}
          onChange={(e) => (reason = e.target.value)}
          data-testid="reopen-reason"
        />
      ),
      onOk: () => run('reopen', reason),
    });
  };
  const confirmation = (c: Agreement['confirmed']) =>
    c ? pj('detail.by', { at: fmt(c.at, 'YYYY-MM-DD HH:mm'), by: c.by ?? '—' }) : pj('detail.notYet');
  const sum = (k: 'municipalFen' | 'selfFundingFen' | 'districtMatchingFen') =>
    a.budget.reduce((n, y) => n + y[k], 0);

  return (
    <div data-testid="agreement">
      <PageHeader
        title={a.projectTitle}
        subtitle={`${a.orgName ?? ''} · ${a.directionCode} ${a.directionTitle}`}
        extra={
          <Space wrap>
            <Link to={`/programme/agreements?callId=${a.callId}`}>
              <Button icon={<ArrowLeftOutlined />}>{pj('detail.back')}</Button>
            </Link>
            <a href={agreementsApi.docxUrl(a.id)} data-testid="agreement-word">
              <Button icon={<FileWordOutlined />}>{pj('detail.word')}</Button>
            </a>
            {STEPS.filter((s) => a.actions.includes(s.action)).map((s) => (
              <Button
                key={s.step}
                type={s.step === 'reopen' ? 'default' : 'primary'}
                icon={s.icon}
                loading={busy === s.step}
                onClick={() => ask(s.step)}
                data-testid={`agreement-${s.step}`}
              >
                {pj(`step.${s.step}`)}
              </Button>
            ))}
          </Space>
        }
      />
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 16 }}
          data-testid="agreement-error"
        />
      )}
      <Card title={pj('detail.basic')} style={{ marginBottom: 16 }}>
        <Descriptions column={3} size="small">
          <Descriptions.Item label={pj('col.status')}>
            <Tag color={AGREEMENT_STATUS_COLOR[a.status]} data-testid="agreement-status">
              {L(a.statusLabel)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={pj('col.period')}>
            {a.startDate} ~ {a.endDate}（{pj('detail.years', { n: a.years })}）
          </Descriptions.Item>
          <Descriptions.Item label={pj('col.grant')}>{showFen(a.grantFen, lang)}</Descriptions.Item>
          <Descriptions.Item label={pj('detail.firstYear')}>
            {showFen(a.firstYearFen, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={pj('detail.self')}>{showFen(a.selfFundingFen, lang)}</Descriptions.Item>
          <Descriptions.Item label={pj('detail.district')}>
            {showFen(a.districtMatchingFen, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={pj('detail.orgConfirmed')}>
            <span data-testid="agreement-org-confirmed">{confirmation(a.orgConfirmed)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={pj('detail.confirmed')}>
            <span data-testid="agreement-confirmed">{confirmation(a.confirmed)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={pj('col.paid')}>{showFen(a.paidFen, lang)}</Descriptions.Item>
        </Descriptions>
        {a.reopenReason && a.status === 'draft' && (
          <Alert type="warning" showIcon message={pj('detail.reopened', { reason: a.reopenReason })} />
        )}
      </Card>
      <Card title={pj('detail.kpis')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={a.kpis}
          data-testid="agreement-kpis"
          locale={{ emptyText: pj('detail.kpisNone') }}
          columns={[
            { title: pj('detail.kpiName'), dataIndex: 'metric' },
            {
              title: pj('detail.kpiTarget'),
              width: 180,
              render: (_: unknown, k: Agreement['kpis'][number]) =>
                `${CMP[k.comparator]} ${k.target}${k.unit}`,
            },
            {
              title: pj('detail.kpiDirection'),
              width: 180,
              render: (_: unknown, k: Agreement['kpis'][number]) =>
                k.direction ? `${CMP[k.direction.comparator]} ${k.direction.value}${k.direction.unit}` : '—',
            },
            {
              title: pj('detail.kpiSource'),
              width: 120,
              render: (_: unknown, k: Agreement['kpis'][number]) => pj(`detail.source.${k.source}`),
            },
          ]}
        />
      </Card>
      <Card title={pj('detail.budget')} style={{ marginBottom: 16 }}>
        <Table
          rowKey="year"
          size="small"
          pagination={false}
          data-testid="agreement-budget"
          dataSource={[
            ...a.budget,
            {
              year: 0,
              municipalFen: sum('municipalFen'),
              selfFundingFen: sum('selfFundingFen'),
              districtMatchingFen: sum('districtMatchingFen'),
            },
          ]}
          columns={[
            {
              title: '',
              width: 100,
              render: (_: unknown, y: Agreement['budget'][number]) =>
                y.year ? pj('detail.year', { n: y.year }) : pj('detail.total'),
            },
            {
              title: pj('detail.municipal'),
              align: 'right' as const,
              render: (_: unknown, y: Agreement['budget'][number]) => showFen(y.municipalFen, lang),
            },
            {
              title: pj('detail.self'),
              align: 'right' as const,
              render: (_: unknown, y: Agreement['budget'][number]) => showFen(y.selfFundingFen, lang),
            },
            {
              title: pj('detail.district'),
              align: 'right' as const,
              render: (_: unknown, y: Agreement['budget'][number]) => showFen(y.districtMatchingFen, lang),
            },
          ]}
        />
      </Card>
      <Card title={pj('detail.schedule')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          {pj('detail.scheduleNote', { source: a.scheduleSource })}
        </Typography.Paragraph>
        <TrancheTable agreement={a} onChange={setA} />
      </Card>
      <ChangeRequests agreement={a} onChange={setA} />
      <Card title={pj('detail.milestones')}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={a.milestones}
          data-testid="agreement-milestones"
          columns={[
            {
              title: pj('detail.milestone'),
              render: (_: unknown, m: Agreement['milestones'][number]) => L(m.title),
            },
            { title: pj('detail.due'), width: 160, dataIndex: 'dueDate' },
          ]}
        />
      </Card>
      {reauth.modal}
    </div>
  );
}
