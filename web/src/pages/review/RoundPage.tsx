/**
 * 评审轮次 (staff): the assignment table per application (experts with affinity, matched terms,
 * status and source; excluded experts with their reasons), the round's actions as the API offers
 * them (assign, open, close), change / add an expert with a required reason, and the results tab.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  PlayCircleOutlined,
  StopOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import {
  roundsApi,
  type AssignedExpert,
  type RoundDetail,
  type RoundItem,
  type RoundResults,
} from '../../api/review.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { showFen } from '../../../../shared/money.js';
import { ROUND_STATUS_COLOR, roundLabel, TASK_STATUS_COLOR } from './bits.js';
import { useR } from './i18n.js';

export function RoundPage() {
  const me = useMe();
  const { id = '' } = useParams();
  const { r, lang } = useR();
  const [round, setRound] = useState<RoundDetail | null>();
  const [error, setError] = useState<unknown>();
  const load = useCallback(
    () =>
      roundsApi.get(id).then(setRound, (e) => {
        setError(e);
        setRound(null);
      }),
    [id],
  );
  useEffect(() => void load(), [load]);
  if (!can(me, 'review.read')) return <Forbidden />;
  if (round === undefined) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (round === null)
    return <Result status="warning" title={r('common.loadFailed')} subTitle={problemText(error, lang)} />;
  return <Round round={round} onChanged={setRound} reload={load} />;
}

type Dialog = { kind: 'change'; item: RoundItem; expert: AssignedExpert } | { kind: 'add'; item: RoundItem };

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
  const [dialog, setDialog] = useState<Dialog>();
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
                onChange={() => setDialog({ kind: 'change', item: it, expert: e })}
              />
            ))}
            {manage && round.status !== 'closed' && (
              <Button
                size="small"
                type="link"
                icon={<TeamOutlined />}
                onClick={() => setDialog({ kind: 'add', item: it })}
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
              children: (
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
              ),
            },
            {
              key: 'results',
              label: <span data-testid="tab-results">{r('round.tabResults')}</span>,
              children: <ResultsTab roundId={round.id} />,
            },
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

function ExpertDialog({
  round,
  dialog,
  onClose,
  onDone,
}: {
  round: RoundDetail;
  dialog: Dialog;
  onClose(): void;
  onDone(next?: RoundDetail): Promise<void>;
}) {
  const { r, lang } = useR();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ expertUserId: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const taken = new Set(
    dialog.item.experts.filter((e) => e.status !== 'replaced').map((e) => e.expertUserId),
  );
  const options = round.loads
    .filter((l) => !taken.has(l.expertUserId))
    .map((l) => ({
      value: l.expertUserId,
      label: `${l.expertName}（${r('round.load', { load: l.load, cap: l.capacity })}）`,
    }));
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      if (dialog.kind === 'change') {
        await roundsApi.change(dialog.expert.assignmentId, {
          expertUserId: v.expertUserId,
          reason: v.reason,
          version: dialog.expert.version,
        });
        message.success(r('round.changed'));
        await onDone();
      } else {
        const next = await roundsApi.addExpert(round.id, {
          applicationId: dialog.item.applicationId,
          expertUserId: v.expertUserId,
          reason: v.reason,
        });
        message.success(r('round.added'));
        await onDone(next);
      }
    } catch (e) {
      // a refusal names the rule (回避规则, capacity) on the expert field; the reason's length on its own
      setError(applyProblem(form, e, lang, ['expertUserId', 'reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={dialog.kind === 'change' ? r('round.changeTitle') : r('round.addTitle')}
      onCancel={onClose}
      onOk={ok}
      okText={r('common.ok')}
      cancelText={r('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'expert-dialog-ok' } as never}
    >
      <Typography.Paragraph type="secondary">
        {dialog.item.projectTitle}
        {dialog.kind === 'change' ? ` · ${dialog.expert.expertName}` : ''}
      </Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="expert-dialog-error"
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="expertUserId"
          label={r('round.newExpert')}
          rules={[{ required: true, message: r('round.newExpertPh') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={options}
            placeholder={r('round.newExpertPh')}
            data-testid="expert-select"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={r('round.reason')}
          rules={[{ required: true, message: r('round.reasonPh') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={r('round.reasonPh')}
            data-testid="expert-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResultsTab({ roundId }: { roundId: string }) {
  const { r, L, lang } = useR();
  const [standardise, setStandardise] = useState(false);
  const [res, setRes] = useState<RoundResults | null>();
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
  type Row = RoundResults['items'][number];
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
