/**
 * 资助计划 (staff): a call's funding plan — drafted from the final ranking within the limits and the
 * budget, edited while a draft, consulted (会商), reopened with a reason, exported to Word, and the
 * public notice drafted from it. Each direction's limits sit beside what the plan uses of them.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.js';
import { plansApi, type FundingPlan, type FundingPlanLine } from '../../api/notice.js';
import { screeningApi } from '../../api/programme.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { fenToWan, showFen, wanToFen } from '../../../../shared/money.js';
import { CreateNoticeDialog } from './CreateNoticeDialog.js';
import { ConsultDialog, ReopenDialog } from './PlanDialogs.js';
import { PlanLines, type PlanCandidate } from './PlanLines.js';
import { useN } from './i18n.js';

const PLAN_COLOR: Record<string, string> = { draft: 'default', consulted: 'green', noticed: 'blue' };

export function FundingPlanPage() {
  const { callId = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { n, L, lang } = useN();
  const [plan, setPlan] = useState<FundingPlan | null>();
  const [error, setError] = useState<unknown>();
  const [candidates, setCandidates] = useState<PlanCandidate[]>([]);
  const [dialog, setDialog] = useState<'consult' | 'reopen' | 'notice'>();

  const load = () =>
    plansApi.ofCall(callId).then(setPlan, (e) => {
      if (e instanceof ApiError && e.status === 404) setPlan(null);
      else setError(e);
    });
  useEffect(() => {
    void load();
    screeningApi.list(callId, { result: 'pass' }).then(
      (res) => setCandidates(res.items.filter((i) => !i.outcome?.awarded)),
      () => setCandidates([]),
    );
  }, [callId]);

  if (!can(me, 'review.read')) return <Forbidden />;
  const header = (
    <PageHeader
      title={n('plan.title')}
      subtitle={n('plan.subtitle')}
      extra={<Link to={`/review/notices?callId=${callId}`}>{n('plan.back')}</Link>}
    />
  );
  if (error !== undefined)
    return (
      <>
        {header}
        <Alert type="error" showIcon message={problemText(error, lang)} />
      </>
    );
  if (plan === undefined)
    return (
      <>
        {header}
        <Card loading />
      </>
    );
  if (plan === null)
    return (
      <div data-testid="funding-plan">
        {header}
        <DraftCard callId={callId} manage={can(me, 'review.manage')} onDrafted={setPlan} />
      </div>
    );

  const has = (a: string) => plan.actions.includes(a);
  const wan = (fen: number | null) => (fen === null ? '—' : fenToWan(fen));
  return (
    <div data-testid="funding-plan">
      {header}
      <Card
        title={
          <Space>
            {plan.title}
            <Tag color={PLAN_COLOR[plan.status]} data-testid="plan-status">
              {L(plan.statusLabel)}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<FileWordOutlined />} href={plansApi.docxUrl(plan.id)} data-testid="plan-word">
              {n('plan.word')}
            </Button>
            {has('consult') && (
              <Button type="primary" onClick={() => setDialog('consult')} data-testid="plan-consult">
                {n('plan.consult')}
              </Button>
            )}
            {has('reopen') && <Button onClick={() => setDialog('reopen')}>{n('plan.reopen')}</Button>}
            {has('notice') && (
              <Button type="primary" onClick={() => setDialog('notice')} data-testid="plan-notice">
                {n('plan.notice')}
              </Button>
            )}
            {plan.noticeId && <Link to={`/review/notices/${plan.noticeId}`}>{n('plan.toNotice')}</Link>}
          </Space>
        }
      >
        {!plan.rankingComplete && (
          <Alert type="warning" showIcon message={n('plan.rankingIncomplete')} style={{ marginBottom: 12 }} />
        )}
        {plan.reopenReason && plan.status === 'draft' && (
          <Alert
            type="info"
            message={n('plan.reopenedBecause', { reason: plan.reopenReason })}
            style={{ marginBottom: 12 }}
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 4 }} data-testid="plan-summary">
          <Descriptions.Item label={n('plan.budget')}>{wan(plan.budgetFen)}</Descriptions.Item>
          <Descriptions.Item label={n('plan.total')}>{showFen(plan.totalGrantFen, lang)}</Descriptions.Item>
          <Descriptions.Item label={n('plan.firstYear')}>
            {showFen(plan.totalFirstYearFen, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={n('plan.lines')}>{plan.lines.length}</Descriptions.Item>
        </Descriptions>
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={plan.directions}
          style={{ marginTop: 12 }}
          columns={[
            { title: n('plan.dir.code'), render: (_, d) => `${d.code} ${d.title}` },
            {
              title: n('plan.dir.count'),
              align: 'right',
              render: (_, d) => `${d.lines} / ${d.projectCount ?? n('plan.unlimited')}`,
            },
            { title: n('plan.dir.cap'), align: 'right', render: (_, d) => wan(d.capPerProjectFen) },
            { title: n('plan.dir.firstCap'), align: 'right', render: (_, d) => wan(d.firstYearCapFen) },
            { title: n('plan.dir.used'), align: 'right', render: (_, d) => wan(d.grantFen) },
          ]}
        />
      </Card>
      <Card title={n('plan.lines')} style={{ marginTop: 16 }}>
        {has('revise') ? (
          <PlanLines key={plan.version} plan={plan} candidates={candidates} onSaved={setPlan} />
        ) : (
          <Table<FundingPlanLine>
            size="small"
            rowKey="applicationId"
            pagination={false}
            dataSource={plan.lines}
            locale={{ emptyText: n('plan.noLines') }}
            data-testid="plan-lines"
            columns={[
              { title: n('plan.col.rank'), dataIndex: 'rank', width: 60 },
              {
                title: n('plan.col.project'),
                render: (_, l) => `${l.projectTitle ?? ''} · ${l.orgName ?? ''} · ${l.directionTitle}`,
              },
              {
                title: n('plan.col.final'),
                align: 'right',
                width: 110,
                render: (_, l) => l.finalRank ?? '—',
              },
              {
                title: n('plan.col.requested'),
                align: 'right',
                width: 110,
                render: (_, l) => wan(l.requestedFen),
              },
              { title: n('plan.col.grant'), align: 'right', width: 110, render: (_, l) => wan(l.grantFen) },
              {
                title: n('plan.col.firstYear'),
                align: 'right',
                width: 110,
                render: (_, l) => wan(l.firstYearFen),
              },
              { title: n('plan.col.reason'), render: (_, l) => l.reason ?? '' },
            ]}
          />
        )}
      </Card>
      <Card title={n('plan.consultation')} style={{ marginTop: 16 }}>
        {plan.consultation ? (
          <Descriptions size="small" column={1} data-testid="plan-consultation">
            <Descriptions.Item label={n('plan.consultedOn')}>{plan.consultation.on}</Descriptions.Item>
            <Descriptions.Item label={n('plan.consultBody')}>{plan.consultation.body}</Descriptions.Item>
            <Descriptions.Item label={n('plan.consultNote')}>{plan.consultation.note}</Descriptions.Item>
          </Descriptions>
        ) : (
          n('plan.notConsulted')
        )}
      </Card>
      {dialog === 'consult' && (
        <ConsultDialog
          plan={plan}
          onClose={() => setDialog(undefined)}
          onDone={(p) => (setPlan(p), setDialog(undefined))}
        />
      )}
      {dialog === 'reopen' && (
        <ReopenDialog
          plan={plan}
          onClose={() => setDialog(undefined)}
          onDone={(p) => (setPlan(p), setDialog(undefined))}
        />
      )}
      {dialog === 'notice' && (
        <CreateNoticeDialog
          planId={plan.id}
          callName={plan.callName}
          lines={plan.lines.length}
          onClose={() => setDialog(undefined)}
          onCreated={(id) => navigate(`/review/notices/${id}`)}
        />
      )}
    </div>
  );
}

/** No plan yet: its title and the year's budget; the server proposes the lines from the final ranking. */
function DraftCard(props: { callId: string; manage: boolean; onDrafted(p: FundingPlan): void }) {
  const { n } = useN();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; budgetWan: number | null }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const { lang } = useN();
  const draft = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const budget = v.budgetWan == null ? undefined : (wanToFen(v.budgetWan) ?? undefined);
      const p = await plansApi.draft({
        callId: props.callId,
        title: v.title,
        ...(budget !== undefined ? { budgetFen: budget } : {}),
      });
      message.success(n('plan.drafted'));
      props.onDrafted(p);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={n('plan.none')}>
      {error !== undefined && (
        <Alert type="error" showIcon message={problemText(error, lang)} style={{ marginBottom: 12 }} />
      )}
      {props.manage && (
        <Form form={form} layout="inline" initialValues={{ title: n('plan.nameDefault'), budgetWan: null }}>
          <Form.Item
            name="title"
            label={n('plan.nameLabel')}
            rules={[{ required: true, message: n('create.required') }]}
          >
            <Input style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="budgetWan" label={n('plan.budget')} extra={n('plan.budgetHint')}>
            <InputNumber min={0} step={100} style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" loading={busy} onClick={draft} data-testid="plan-draft">
            {n('plan.draftOk')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
