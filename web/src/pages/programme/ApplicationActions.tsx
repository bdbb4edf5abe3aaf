/** Workflow actions of an application (send for review, org review, district recommendation, submit), receipt, reviews. */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Space,
  Timeline,
  Typography,
} from 'antd';
import { applicationsApi } from '../../api/programme.js';
import type { ActionDto, ApplicationDetail, Checklist } from '../../api/types.js';
import { blockersOf } from './ChecklistPanel.js';
import { ApiError } from '../../api/client.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { useP } from './i18n.js';
import { fenToWan, isWan, showFen, wanToFen } from '../../../../shared/money.js';
import {
  DistrictRouteNotice,
  FailingFindings,
  failingOf,
  failingOfProblem,
  type FailingItem,
} from './ReviewFindings.js';

type Dialog = { action: ActionDto } | null;
const DISTRICT_DECISION = {
  districtApprove: 'approve',
  districtRevise: 'revise',
  districtReturn: 'return',
} as const;
/** The district's recommendation: first, or revised before 正式提交 (same commitment, ratio and opinion). */
const recommends = (a?: string) => a === 'districtApprove' || a === 'districtRevise';

export function ApplicationActions({
  app,
  closesAt,
  beforeAction,
  onDone,
  checklist,
  onGoTo,
  districtMatching,
}: {
  app: ApplicationDetail;
  closesAt?: string;
  /** The live checklist: 正式提交 waits for it to pass, and says what blocks it. */
  checklist?: Checklist;
  onGoTo?(field: string): void;
  /** The direction's 区级配套 rule (district : municipal), for the district dialog's warning. */
  districtMatching?: { district: number; municipal: number };
  /** Sends unsent edits first, so the action sees exactly what was typed. */
  beforeAction(): Promise<void>;
  onDone(a?: ApplicationDetail): void;
}) {
  const { p, pick, lang, fmt, L } = useP();
  const blockers = checklist && checklist.overall !== 'pass' ? blockersOf(checklist) : [];
  const nav = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  /** Failing findings the reviewer approves over (then a reason is required). */
  const [failing, setFailing] = useState<FailingItem[]>([]);
  /** The live checklist's failing findings (before the server judged a typed commitment). */
  const [liveFailing, setLiveFailing] = useState<FailingItem[]>([]);
  const [form] = Form.useForm();
  const { modal } = App.useApp();

  const run = async (action: ActionDto, values: Record<string, any> = {}) => {
    setBusy(true);
    setError(undefined);
    try {
      await beforeAction();
      const id = app.id;
      let next: ApplicationDetail | undefined;
      switch (action.action) {
        case 'sendForReview':
          next = await applicationsApi.sendForReview(id);
          break;
        case 'orgApprove':
        case 'orgReturn':
          next = await applicationsApi.orgReview(id, {
            decision: action.action === 'orgApprove' ? 'approve' : 'return',
            reason: values.reason,
            ...(values.overrideReason ? { overrideReason: values.overrideReason } : {}),
          });
          break;
        case 'districtApprove':
        case 'districtRevise':
        case 'districtReturn': {
          const fen = wanToFen(values.commitment);
          next = await applicationsApi.districtReview(id, {
            decision: DISTRICT_DECISION[action.action],
            reason: values.reason,
            ...(typeof fen === 'number' ? { commitmentFen: fen } : {}),
            ...(values.opinion ? { opinion: values.opinion } : {}),
            ...(values.overrideReason ? { overrideReason: values.overrideReason } : {}),
          });
          break;
        }
        case 'submit': {
          await applicationsApi.submit(id);
          nav(`/programme/applications/${id}/receipt`);
          return;
        }
      }
      setDialog(null);
      onDone(next);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'failing_findings') setFailing(failingOfProblem(e.errors));
      if (dialog) applyProblem(form, e, lang, ['reason', 'commitmentFen', 'opinion']);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const start = (a: ActionDto) => {
    setError(undefined);
    if (a.action === 'sendForReview') return void run(a);
    if (a.action === 'submit')
      return modal.confirm({
        title: p('flow.submitConfirm'),
        content: p('flow.submitBody', { t: fmt(closesAt, 'YYYY-MM-DD HH:mm') }),
        okText: p('flow.submit'),
        cancelText: p('common.cancel'),
        okButtonProps: { 'data-testid': 'submit-confirm' } as never,
        onOk: () => run(a),
      });
    form.resetFields();
    setFailing([]);
    setLiveFailing([]);
    if (a.action === 'orgApprove' || recommends(a.action))
      // the reviewer sees what fails before deciding (the server judges it again on approval)
      void applicationsApi
        .checklist(app.id)
        .then((c) => {
          setFailing(failingOf(c));
          setLiveFailing(failingOf(c));
        })
        .catch(() => undefined);
    setDialog({ action: a });
  };
  const approving = dialog?.action.action === 'orgApprove' || recommends(dialog?.action.action);

  const isReturn = (a?: ActionDto) => !!a && /Return$/.test(a.action);
  const deadline = error instanceof ApiError && error.code === 'deadline_passed';
  const visible = app.actions.filter((a) => a.allowed || a.reason);
  const submitShown = visible.some((a) => a.action === 'submit');
  const typedCommitment = Form.useWatch('commitment', form);
  const requestedFen = Number(
    (app.content?.budget as Record<string, unknown> | undefined)?.requestedGrantFen,
  );
  /** The least the district must commit under the guide's ratio (cross-multiplied, whole fen). */
  const minCommitFen =
    districtMatching && Number.isSafeInteger(requestedFen) && requestedFen > 0
      ? Math.ceil((requestedFen * districtMatching.district) / districtMatching.municipal)
      : null;
  const typedFen = isWan(typedCommitment) ? (wanToFen(typedCommitment) ?? null) : null;
  const belowRatio = minCommitFen !== null && typedFen !== null && typedFen < minCommitFen;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16} data-testid="application-actions">
      <DistrictRouteNotice route={app.districtRoute} />
      {app.returnReason && ['returned', 'draft'].includes(app.status) && (
        <Alert
          type="warning"
          showIcon
          message={p('flow.returned', { r: app.returnReason })}
          data-testid="return-reason"
        />
      )}
      {deadline && (
        <div data-testid="deadline-passed">
          <Result status="warning" title={p('deadline.passed')} subTitle={problemText(error, lang)} />
        </div>
      )}
      {error !== undefined && !deadline && !dialog && (
        <Alert type="error" showIcon message={problemText(error, lang)} data-testid="action-error" />
      )}
      {app.receipt && (
        <Card size="small" title={p('receipt.title')} data-testid="receipt-card">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={p('receipt.number')}>
              <Typography.Text strong copyable data-testid="receipt-number">
                {app.receipt.number}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={p('receipt.at')}>
              {lang === 'en' ? app.receipt.submittedAt : app.receipt.submittedAtText}
            </Descriptions.Item>
            <Descriptions.Item label={p('receipt.sha')}>
              <Typography.Text code copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {app.receipt.sha256}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Space wrap align="start">
        {visible.length === 0 && !app.receipt && <Typography.Text type="secondary">—</Typography.Text>}
        {visible.map((a) => (
          <Button
            key={`${a.action}-${a.to}`}
            type={isReturn(a) ? 'default' : 'primary'}
            danger={isReturn(a)}
            disabled={!a.allowed || (a.action === 'submit' && blockers.length > 0)}
            title={a.reason ? pick(a.reason.zh, a.reason.en) : undefined}
            loading={busy && !dialog}
            onClick={() => start(a)}
            data-testid={`action-${a.action}`}
          >
            {pick(a.label, a.labelEn)}
          </Button>
        ))}
        {submitShown && blockers.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="submit-blockers"
            message={p('flow.blocked', { n: blockers.length })}
            description={
              <Space direction="vertical" size={0}>
                {blockers.slice(0, 5).map((b) => (
                  <Typography.Link
                    key={b.id}
                    onClick={() => b.field && onGoTo?.(b.field)}
                    data-testid={`blocker-${b.id}`}
                  >
                    {L(b.label)}
                  </Typography.Link>
                ))}
                {blockers.length > 5 && (
                  <Typography.Text type="secondary">
                    {p('flow.blockedMore', { n: blockers.length - 5 })}
                  </Typography.Text>
                )}
              </Space>
            }
          />
        )}
      </Space>
      <Card size="small" title={p('flow.reviews')}>
        {app.reviews.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline
            items={app.reviews.map((r) => ({
              color: r.decision === 'approve' ? 'green' : 'orange',
              children: (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>
                    {p(`flow.stage.${r.stage}`)} ·{' '}
                    {r.decision === 'approve' ? p('flow.approve') : p('flow.return')}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmt(r.at, 'YYYY-MM-DD HH:mm:ss')}
                  </Typography.Text>
                  {r.reason && <span>{r.reason}</span>}
                  {r.commitmentFen !== null && (
                    <span>
                      {p('flow.commitment')}：{showFen(r.commitmentFen, lang)}
                    </span>
                  )}
                  {r.opinion && <span>{r.opinion}</span>}
                  {r.overrideReason && (
                    <Typography.Text type="warning" data-testid="review-override">
                      {p('flow.overridden', {
                        n: r.overriddenFindings?.length ?? 0,
                        r: r.overrideReason,
                      })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            }))}
          />
        )}
      </Card>
      <Modal
        open={!!dialog}
        title={dialog ? pick(dialog.action.label, dialog.action.labelEn) : ''}
        onCancel={() => setDialog(null)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => run(dialog!.action, v))
            .catch(() => undefined)
        }
        okButtonProps={{ danger: isReturn(dialog?.action), 'data-testid': 'action-ok' } as never}
        confirmLoading={busy}
        okText={p('common.ok')}
        cancelText={p('common.cancel')}
        destroyOnHidden
      >
        {error !== undefined &&
          dialog &&
          !(error instanceof ApiError && error.code === 'failing_findings') && (
            <Alert type="error" showIcon message={problemText(error, lang)} style={{ marginBottom: 12 }} />
          )}
        {approving && <FailingFindings items={failing} />}
        <Form
          form={form}
          layout="vertical"
          name="review"
          onValuesChange={(changed: Record<string, unknown>) => {
            // a new commitment is judged again on approval: back to the live checklist's findings
            if ('commitment' in changed) setFailing(liveFailing);
          }}
        >
          {recommends(dialog?.action.action) && (
            <>
              <Form.Item
                name="commitment"
                label={p('flow.commitment')}
                initialValue={fenToWan((app.content?.budget as any)?.districtMatchingFen)}
                rules={[
                  { required: true, message: p('f.moneyBad') },
                  {
                    validator: (_r, v) =>
                      isWan(v) ? Promise.resolve() : Promise.reject(new Error(p('f.moneyBad'))),
                  },
                ]}
              >
                <Input suffix="万元" inputMode="decimal" data-testid="district-commitment" />
              </Form.Item>
              {districtMatching && (
                <Alert
                  type={belowRatio ? 'warning' : 'info'}
                  showIcon
                  style={{ marginBottom: 12 }}
                  data-testid={belowRatio ? 'district-ratio-warning' : 'district-ratio-rule'}
                  message={
                    belowRatio && minCommitFen !== null && typedFen !== null
                      ? p('district.ratioWarn', {
                          r: `${districtMatching.district}:${districtMatching.municipal}`,
                          req: showFen(requestedFen, lang),
                          min: showFen(minCommitFen, lang),
                          c: showFen(typedFen, lang),
                        })
                      : p('district.ratioRule', {
                          r: `${districtMatching.district}:${districtMatching.municipal}`,
                          req: minCommitFen === null ? '—' : showFen(requestedFen, lang),
                          min: minCommitFen === null ? '—' : showFen(minCommitFen, lang),
                        })
                  }
                />
              )}
              <Form.Item name="opinion" label={p('flow.opinion')}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="district-opinion" />
              </Form.Item>
            </>
          )}
          {isReturn(dialog?.action) && (
            <Form.Item
              name="reason"
              label={p('flow.returnReason')}
              rules={[{ required: true, min: 2, whitespace: true, message: p('flow.reasonRequired') }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount data-testid="return-reason-input" />
            </Form.Item>
          )}
          {approving && failing.length > 0 && (
            <Form.Item
              name="overrideReason"
              label={p('flow.overrideReason')}
              rules={[{ required: true, min: 2, whitespace: true, message: p('flow.overrideRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount data-testid="override-reason-input" />
            </Form.Item>
          )}
          {dialog?.action.action === 'orgApprove' && (
            <Typography.Text>{pick(dialog.action.label, dialog.action.labelEn)}？</Typography.Text>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
