/**
 * 评审任务: the application's blind copy (TaskDocument.tsx: project, feasibility plan, budget, KPIs;
 * never the applicant) beside the round's score sheet as a form (ScoreSheetCard.tsx), with draft
 * saving (automatic and by button), submission with every field error next to its field, and accept /
 * decline (DeclineDialog.tsx, with a declared conflict).
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Col, Form, Row, Space, Tag } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, StopOutlined } from '@ant-design/icons';
import { tasksApi, type ReviewTaskDetail, type ScoreEntry } from '../../api/review.js';
import { PageHeader } from '../../components/PageHeader.js';
import { applyProblem } from '../../components/problem.js';
import { RecordPage, roundLabel, TASK_STATUS_COLOR } from './bits.js';
import { DeclineDialog } from './DeclineDialog.js';
import { useR } from './i18n.js';
import { clearErrors, ScoreSheetCard } from './ScoreSheetCard.js';
import { TaskDocument } from './TaskDocument.js';

const FIELDS = ['scores', 'comments', 'recommendation', 'overallComment'];
const AUTOSAVE_MS = 4000;

export function TaskPage() {
  const { id = '' } = useParams();
  return (
    <RecordPage id={id} permission="review.score" load={tasksApi.get}>
      {(task, set, reload) => <Task key={task.assignmentId} task={task} onChanged={set} reload={reload} />}
    </RecordPage>
  );
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
          <TaskDocument doc={task.document} />
        </Col>
        <Col xs={24} xl={11}>
          <ScoreSheetCard
            task={task}
            form={form}
            canScore={canScore}
            busy={busy}
            error={error}
            savedAt={savedAt}
            onEdited={() => (dirty.current = true)}
            onSave={() => void saveDraft(false)}
            onSubmit={submit}
          />
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
