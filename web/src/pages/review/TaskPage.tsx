/**
 * 评审任务: the application's blind copy (project, feasibility plan, budget, KPIs; never the
 * applicant) beside the round's score sheet as a form, with draft saving (automatic and by button),
 * submission with every field error next to its field, and accept / decline (with a declared conflict).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  CheckOutlined,
  SaveOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { tasksApi, type ReviewTaskDetail, type ScoreEntry } from '../../api/review.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { showFen } from '../../../../shared/money.js';
import { roundLabel, TASK_STATUS_COLOR } from './bits.js';
import { useR } from './i18n.js';

const FIELDS = ['scores', 'comments', 'recommendation', 'overallComment'];
const AUTOSAVE_MS = 4000;

/** Takes the server's messages off the fields once answered (a later refusal sets them again). */
function clearErrors(form: ReturnType<typeof Form.useForm<ScoreEntry>>[0], only?: (string | number)[][]) {
  const names = only ?? form.getFieldsError().map((f) => f.name);
  form.setFields(names.map((name) => ({ name: name as never, errors: [] })));
}

export function TaskPage() {
  const me = useMe();
  const { id = '' } = useParams();
  const { r, lang } = useR();
  const [task, setTask] = useState<ReviewTaskDetail | null>();
  const [error, setError] = useState<unknown>();
  const load = useCallback(
    () =>
      tasksApi.get(id).then(setTask, (e) => {
        setError(e);
        setTask(null);
      }),
    [id],
  );
  useEffect(() => void load(), [load]);
  if (!can(me, 'review.score')) return <Forbidden />;
  if (task === undefined) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (task === null)
    return <Result status="warning" title={r('common.loadFailed')} subTitle={problemText(error, lang)} />;
  return <Task key={task.assignmentId} task={task} onChanged={setTask} reload={load} />;
}

function Task({
  task,
  onChanged,
  reload,
}: {
  task: ReviewTaskDetail;
  onChanged(t: ReviewTaskDetail): void;
  reload(): Promise<void>;
}) {
  const { r, L, fmt, lang } = useR();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ScoreEntry>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [declining, setDeclining] = useState(false);
  const [savedAt, setSavedAt] = useState<string>();
  const version = useRef(task.version);
  const dirty = useRef(false);
  const canScore = task.actions.includes('score') || task.actions.includes('submit');
  const sheet = task.scoreSheet;
  const scores = Form.useWatch('scores', form) ?? {};

  useEffect(() => {
    form.setFieldsValue(task.entry);
    version.current = task.version;
  }, [task]);

  const entry = (): ScoreEntry => {
    const v = form.getFieldsValue(true) as ScoreEntry;
    return {
      scores: Object.fromEntries(sheet.criteria.map((c) => [c.key, v.scores?.[c.key] ?? null])),
      comments: Object.fromEntries(
        sheet.criteria.map((c) => [c.key, v.comments?.[c.key] ?? '']).filter(([, s]) => s !== ''),
      ),
      recommendation: v.recommendation ?? null,
      overallComment: v.overallComment ?? '',
    };
  };

  const saveDraft = async (quiet: boolean) => {
    dirty.current = false;
    try {
      const saved = await tasksApi.saveDraft(task.assignmentId, { ...entry(), version: version.current });
      version.current = saved.version;
      setSavedAt(fmt(new Date(), 'HH:mm:ss'));
      if (!quiet) message.success(r('task.saved'));
      setError(undefined);
      clearErrors(form);
    } catch (e) {
      setError(applyProblem(form, e, lang, FIELDS));
    }
  };

  // autosave a few seconds after the last change
  useEffect(() => {
    if (!canScore) return;
    const t = setInterval(() => {
      if (dirty.current && !busy) void saveDraft(true);
    }, AUTOSAVE_MS);
    return () => clearInterval(t);
  }, [canScore, busy]);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      message.success(done);
      await reload();
    } catch (e) {
      setError(applyProblem(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const submit = () =>
    modal.confirm({
      title: r('task.submitConfirm'),
      okText: r('task.submit'),
      cancelText: r('common.cancel'),
      onOk: async () => {
        setBusy(true);
        setError(undefined);
        dirty.current = false;
        try {
          const saved = await tasksApi.submit(task.assignmentId, { ...entry(), version: version.current });
          message.success(r('task.submitted'));
          clearErrors(form);
          onChanged(saved);
        } catch (e) {
          applyProblem(form, e, lang, FIELDS);
          setError(r('task.fixErrors'));
        } finally {
          setBusy(false);
        }
      },
    });

  const doc = task.document;
  const weightSum = sheet.criteria.reduce((s, c) => s + c.weight, 0);
  const total = sheet.criteria.reduce((s, c) => {
    const v = scores[c.key];
    return typeof v === 'number' ? s + (v / c.maxScore) * (c.weight / weightSum) * 100 : s;
  }, 0);

  return (
    <div data-testid="review-task">
      <PageHeader
        title={
          <Space wrap>
            {task.projectTitle}
            <Tag color={TASK_STATUS_COLOR[task.status] ?? 'default'} data-testid="task-status">
              {L(task.statusLabel)}
            </Tag>
          </Space>
        }
        subtitle={`${task.callTitle} · ${roundLabel(r, task.kind, task.roundNo)} · ${r('tasks.deadline')} ${fmt(task.deadlineAt, 'YYYY-MM-DD HH:mm')}`}
        extra={
          <>
            <Link to="/review/tasks">
              <Button icon={<ArrowLeftOutlined />}>{r('task.back')}</Button>
            </Link>
            {task.actions.includes('decline') && (
              <Button
                danger
                icon={<StopOutlined />}
                onClick={() => setDeclining(true)}
                data-testid="task-decline"
              >
                {r('task.decline')}
              </Button>
            )}
            {task.actions.includes('accept') && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={busy}
                onClick={() =>
                  run(() => tasksApi.accept(task.assignmentId, task.version), r('task.accepted'))
                }
                data-testid="task-accept"
              >
                {r('task.accept')}
              </Button>
            )}
          </>
        }
      />
      {task.blind && <Alert type="info" showIcon message={r('task.blind')} style={{ marginBottom: 16 }} />}
      {task.submittedAt && (
        <Alert
          type="success"
          showIcon
          message={r('task.submittedAt', { at: fmt(task.submittedAt, 'YYYY-MM-DD HH:mm') })}
          style={{ marginBottom: 16 }}
          data-testid="task-submitted"
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card title={r('task.document')} data-testid="task-document">
            <Typography.Title level={5}>{r('task.project')}</Typography.Title>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={r('tasks.project')}>{doc.project.title}</Descriptions.Item>
              <Descriptions.Item label={r('task.summary')}>{doc.project.summary}</Descriptions.Item>
              <Descriptions.Item label={r('task.keywords')}>
                {doc.project.keywords.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={r('task.period')}>
                {doc.project.startDate ?? '—'} ~ {doc.project.endDate ?? '—'}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {r('task.plan')}
            </Typography.Title>
            {doc.feasibilityPlan.map((s) => (
              <div key={s.title} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{s.title}</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {s.text}
                </Typography.Paragraph>
              </div>
            ))}
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {r('task.budget')}
            </Typography.Title>
            <Descriptions column={3} size="small" bordered>
              <Descriptions.Item label={r('task.requestedGrant')}>
                {showFen(doc.budget.requestedGrantFen, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={r('task.firstYear')}>
                {showFen(doc.budget.firstYearRequestFen, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={r('task.selfFunding')}>
                {showFen(doc.budget.selfFundingFen, lang)}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {r('task.kpis')}
            </Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey={(k) => `${k.metric}${k.comparator}${k.value}`}
              dataSource={doc.kpis}
              columns={[
                { title: r('task.kpiMetric'), dataIndex: 'metric' },
                {
                  title: r('task.kpiTarget'),
                  render: (_, k) => `${k.comparator} ${k.value}${k.unit ? ` ${k.unit}` : ''}`,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card
            title={r('task.sheet')}
            extra={
              <Typography.Text strong data-testid="task-total">
                {r('task.total')} {total.toFixed(1)}
              </Typography.Text>
            }
            data-testid="score-sheet"
          >
            {!canScore && !task.submittedAt && (
              <Alert
                type="warning"
                showIcon
                message={task.actions.includes('accept') ? r('task.acceptFirst') : r('task.readOnly')}
                style={{ marginBottom: 12 }}
              />
            )}
            {error && (
              <Alert
                type="error"
                showIcon
                message={error}
                style={{ marginBottom: 12 }}
                data-testid="sheet-error"
              />
            )}
            {sheet.commentRequiredBelow > 0 && (
              <Typography.Paragraph type="secondary">
                {r('task.commentBelow', { pct: sheet.commentRequiredBelow })}
              </Typography.Paragraph>
            )}
            <Form
              form={form}
              layout="vertical"
              disabled={!canScore || busy}
              onValuesChange={(changed: Partial<ScoreEntry>) => {
                dirty.current = true;
                const names: (string | number)[][] = [];
                for (const [k, v] of Object.entries(changed))
                  if (v && typeof v === 'object') for (const c of Object.keys(v)) names.push([k, c]);
                  else names.push([k]);
                clearErrors(form, names);
              }}
            >
              {sheet.criteria.map((c) => {
                const v = scores[c.key];
                const low = typeof v === 'number' && v * 100 < sheet.commentRequiredBelow * c.maxScore;
                return (
                  <div key={c.key} className="to-review-criterion" data-testid={`criterion-${c.key}`}>
                    <Form.Item
                      name={['scores', c.key]}
                      label={`${L({ zh: c.label, en: c.labelEn })}（${r('task.maxScore', { max: c.maxScore })}）`}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber
                        min={0}
                        max={c.maxScore}
                        step={1}
                        style={{ width: 160 }}
                        data-testid={`score-${c.key}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={['comments', c.key]}
                      label={r('task.comment')}
                      extra={low ? r('task.commentNeeded') : undefined}
                      required={low}
                    >
                      <Input.TextArea rows={2} maxLength={1000} data-testid={`comment-${c.key}`} />
                    </Form.Item>
                  </div>
                );
              })}
              <Form.Item name="recommendation" label={r('task.recommendation')} required>
                <Radio.Group data-testid="recommendation">
                  {sheet.recommendations.map((o) => (
                    <Radio key={o.key} value={o.key} data-testid={`recommendation-${o.key}`}>
                      {L({ zh: o.label, en: o.labelEn })}
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Form.Item
                name="overallComment"
                label={r('task.overall')}
                required={sheet.overallCommentRequired}
              >
                <Input.TextArea
                  rows={4}
                  maxLength={4000}
                  placeholder={r('task.overallPh')}
                  data-testid="overall-comment"
                />
              </Form.Item>
            </Form>
            {canScore && (
              <Space wrap>
                <Button
                  icon={<SaveOutlined />}
                  onClick={() => saveDraft(false)}
                  disabled={busy}
                  data-testid="task-save"
                >
                  {r('task.saveDraft')}
                </Button>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  onClick={submit}
                  loading={busy}
                  data-testid="task-submit"
                >
                  {r('task.submit')}
                </Button>
                {savedAt && (
                  <Typography.Text type="secondary" data-testid="task-autosaved">
                    {r('task.autosaved', { at: savedAt })}
                  </Typography.Text>
                )}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      <DeclineDialog
        open={declining}
        task={task}
        onClose={() => setDeclining(false)}
        onDone={async () => {
          setDeclining(false);
          message.success(r('task.declined'));
          await reload();
        }}
      />
    </div>
  );
}

function DeclineDialog({
  open,
  task,
  onClose,
  onDone,
}: {
  open: boolean;
  task: ReviewTaskDetail;
  onClose(): void;
  onDone(): Promise<void>;
}) {
  const { r, lang } = useR();
  const [form] = Form.useForm<{ conflict: boolean; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await tasksApi.decline(task.assignmentId, {
        conflict: !!v.conflict,
        reason: v.reason ?? '',
        version: task.version,
      });
      form.resetFields();
      await onDone();
    } catch (e) {
      setError(applyProblem(form, e, lang, ['conflict', 'reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={r('task.declineTitle')}
      onCancel={onClose}
      onOk={ok}
      okText={r('task.decline')}
      cancelText={r('common.cancel')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'decline-ok' } as never}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ conflict: false, reason: '' }}>
        <Form.Item name="conflict" valuePropName="checked">
          <Checkbox data-testid="decline-conflict">{r('task.conflict')}</Checkbox>
        </Form.Item>
        <Form.Item name="reason" label={r('task.reason')} required>
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={r('task.reasonPh')}
            data-testid="decline-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
