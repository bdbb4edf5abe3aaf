/**
 * The agreement's disbursement schedule with each tranche's record (request, approval, payment) and the
 * actions the caller may take now: request (programme staff), approve / refuse and record the payment
 * (finance). A tranche not yet released says why next to its button.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { showFen } from '../../../../shared/money.js';
import { agreementsApi, type Agreement, type Tranche, type TrancheStep } from '../../api/projects.js';
import { applyProblem } from '../../components/problem.js';
import { useReauth } from '../../components/useReauth.js';
import { TRANCHE_STATUS_COLOR } from './bits.js';
import { usePj } from './i18n.js';

const STEPS: TrancheStep[] = ['request', 'approve', 'refuse', 'pay'];

export function TrancheTable({
  agreement,
  onChange,
}: {
  agreement: Agreement;
  onChange(a: Agreement): void;
}) {
  const { pj, L, fmt, lang } = usePj();
  const { message } = App.useApp();
  const reauth = useReauth();
  const [dialog, setDialog] = useState<{ tranche: Tranche; step: TrancheStep }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{
    note?: string;
    reason?: string;
    paidOn?: dayjs.Dayjs;
    paymentRef?: string;
  }>();

  const act = async (t: Tranche, step: TrancheStep, values: Record<string, unknown> = {}) => {
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        version: t.version,
        ...(values.note ? { note: String(values.note) } : {}),
        ...(values.reason ? { reason: String(values.reason) } : {}),
        ...(values.paidOn ? { paidOn: (values.paidOn as dayjs.Dayjs).format('YYYY-MM-DD') } : {}),
        ...(values.paymentRef ? { paymentRef: String(values.paymentRef) } : {}),
      };
      onChange(await reauth.run(() => agreementsApi.tranche(t.id, step, body)));
      message.success(pj('step.done', { action: pj(`tr.${step}`) }));
      setDialog(undefined);
    } catch (e) {
      setError(applyProblem(form, e, lang, ['note', 'reason', 'paidOn', 'paymentRef']));
    } finally {
      setBusy(false);
    }
  };

  const buttons = (t: Tranche) =>
    STEPS.map((step) => {
      const allowed = t.actions.includes(step);
      const denial = t.denials.find((d) => d.action === step);
      // a refusal is shown only where it is news to someone who could act: not released yet, or their own request
      if (!allowed && (!denial || !['not_released', 'self_approval'].includes(denial.code))) return null;
      const b = (
        <Button
          key={step}
          size="small"
          type={step === 'refuse' ? 'default' : 'primary'}
          danger={step === 'refuse'}
          disabled={!allowed}
          onClick={() => {
            form.resetFields();
            setError(undefined);
            if (step === 'approve') void act(t, step);
            else setDialog({ tranche: t, step });
          }}
          data-testid={`tranche-${step}`}
        >
          {pj(`tr.${step}`)}
        </Button>
      );
      return allowed ? (
        b
      ) : (
        <Tooltip key={step} title={denial && L(denial)}>
          <span>
            {b}
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, marginLeft: 6 }}
              data-testid="tranche-held"
            >
              {denial && L(denial)}
            </Typography.Text>
          </span>
        </Tooltip>
      );
    });

  return (
    <>
      <Table<Tranche>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={agreement.tranches}
        data-testid="tranches"
        columns={[
          { title: pj('tr.seq'), width: 70, render: (_: unknown, t) => `${t.seq}` },
          {
            title: pj('tr.condition'),
            width: 220,
            render: (_: unknown, t) => `${L(t.label)}（${L(t.triggerLabel)}）`,
          },
          {
            title: pj('tr.percent'),
            width: 70,
            align: 'right' as const,
            render: (_: unknown, t) => `${t.percent}%`,
          },
          {
            title: pj('tr.amount'),
            width: 130,
            align: 'right' as const,
            render: (_: unknown, t) => showFen(t.amountFen, lang),
          },
          {
            title: pj('tr.status'),
            width: 130,
            render: (_: unknown, t) => (
              <Tag color={TRANCHE_STATUS_COLOR[t.status]} data-testid="tranche-status">
                {L(t.statusLabel)}
              </Tag>
            ),
          },
          {
            title: pj('tr.record'),
            render: (_: unknown, t) => (
              <Space direction="vertical" size={2}>
                {t.requestedAt && (
                  <Typography.Text style={{ fontSize: 12 }}>
                    {pj('tr.requested', {
                      at: fmt(t.requestedAt, 'YYYY-MM-DD HH:mm'),
                      by: t.requestedBy ?? '—',
                    })}
                    {t.requestNote ? `：${t.requestNote}` : ''}
                  </Typography.Text>
                )}
                {t.approvedAt && (
                  <Typography.Text style={{ fontSize: 12 }}>
                    {pj('tr.approved', {
                      at: fmt(t.approvedAt, 'YYYY-MM-DD HH:mm'),
                      by: t.approvedBy ?? '—',
                    })}
                  </Typography.Text>
                )}
                {t.paidOn && (
                  <Typography.Text style={{ fontSize: 12 }} data-testid="tranche-paid">
                    {pj('tr.paid', { on: t.paidOn, ref: t.paymentRef ?? '' })}
                  </Typography.Text>
                )}
                {t.refuseReason && !t.requestedAt && (
                  <Typography.Text type="warning" style={{ fontSize: 12 }}>
                    {pj('tr.refused', { reason: t.refuseReason })}
                  </Typography.Text>
                )}
                <Space wrap size={4}>
                  {buttons(t)}
                </Space>
              </Space>
            ),
          },
        ]}
      />
      {dialog && (
        <Modal
          open
          title={
            dialog.step === 'pay'
              ? pj('tr.payTitle', { n: dialog.tranche.seq, amount: showFen(dialog.tranche.amountFen, lang) })
              : pj(`tr.${dialog.step}`)
          }
          okText={pj('common.ok')}
          cancelText={pj('common.cancel')}
          onCancel={() => setDialog(undefined)}
          okButtonProps={{ loading: busy, 'data-testid': 'tranche-dialog-ok' } as never}
          onOk={async () => act(dialog.tranche, dialog.step, await form.validateFields())}
        >
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical">
            {dialog.step === 'request' && (
              <Form.Item name="note" label={pj('tr.note')}>
                <Input.TextArea rows={3} maxLength={1000} data-testid="tranche-note" />
              </Form.Item>
            )}
            {dialog.step === 'refuse' && (
              <Form.Item name="reason" label={pj('tr.reason')} rules={[{ required: true, min: 2 }]}>
                <Input.TextArea rows={3} maxLength={1000} data-testid="tranche-reason" />
              </Form.Item>
            )}
            {dialog.step === 'pay' && (
              <>
                <Form.Item name="paidOn" label={pj('tr.paidOn')}>
                  <DatePicker style={{ width: '100%' }} data-testid="tranche-paid-on" />
                </Form.Item>
                <Form.Item name="paymentRef" label={pj('tr.paymentRef')}>
                  <Input maxLength={100} data-testid="tranche-ref" />
                </Form.Item>
              </>
            )}
          </Form>
        </Modal>
      )}
      {reauth.modal}
    </>
  );
}
