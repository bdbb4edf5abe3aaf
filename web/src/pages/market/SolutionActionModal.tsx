import { useState } from 'react';
import { Alert, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { marketApi } from '../../api/market.js';
import type { RejectReason, Solution, SolutionAction } from '../../api/types.js';
import { applyProblem } from '../../components/problem.js';
import { useMt } from './i18n.js';
import { REJECT_REASONS, SOLUTION_ACTION_LABELS } from './labels.js';
import { wanToFen } from '../../../../shared/money.js';
import { wanRule } from '../../components/wanRule.js';
import { validValues } from '../../components/validValues.js';

interface Values {
  reasonCode?: RejectReason;
  reasonText?: string;
  feedback?: string;
  amount?: string;
  note?: string;
}

/** Judge or move a solution: the fields each action asks for (reason code, feedback, contract amount). */
export function SolutionActionModal({
  solution,
  action,
  onDone,
  onCancel,
}: {
  solution: Solution;
  action: SolutionAction;
  onDone(s: Solution): void;
  onCancel(): void;
}) {
  const { m, L, lang } = useMt();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const code = Form.useWatch('reasonCode', form);
  const judging = action === 'shortlist' || action === 'reject';

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setError('');
    try {
      const s = await marketApi.solutionAction(solution.id, action, {
        reasonCode: action === 'reject' ? v.reasonCode : undefined,
        reasonText: v.reasonText?.trim() || undefined,
        feedback: v.feedback?.trim() || undefined,
        contractAmountFen: action === 'sign' ? (wanToFen(v.amount) ?? undefined) : undefined,
        note: v.note?.trim() || undefined,
        version: solution.version,
      });
      onDone(s);
    } catch (e) {
      setError(applyProblem(form, e, lang, ['reasonCode', 'reasonText', 'feedback', 'note']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${L(SOLUTION_ACTION_LABELS[action])} · ${solution.title}`}
      onOk={() => void submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      okText={m('sol.confirm')}
      okButtonProps={{ 'data-testid': 'solution-action-ok' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        {action === 'reject' && (
          <Form.Item
            name="reasonCode"
            label={m('sol.reason')}
            rules={[{ required: true, message: m('common.required') }]}
          >
            <Select
              data-testid="reject-reason"
              options={Object.entries(REJECT_REASONS).map(([k, v]) => ({ value: k, label: L(v) }))}
            />
          </Form.Item>
        )}
        {action === 'reject' && code === 'other' && (
          <Form.Item
            name="reasonText"
            label={m('sol.reasonText')}
            rules={[{ required: true, message: m('common.required') }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
        {judging && (
          <Form.Item name="feedback" label={m('sol.feedback')} extra={m('sol.feedbackHelp')}>
            <Input.TextArea rows={3} data-testid="solution-feedback" />
          </Form.Item>
        )}
        {action === 'sign' && (
          <Form.Item
            name="amount"
            label={m('sol.amount')}
            rules={[{ required: true, message: m('common.required') }, wanRule(m('common.amountInvalid'))]}
          >
            <Input suffix={m('common.wan')} inputMode="decimal" data-testid="sign-amount" />
          </Form.Item>
        )}
        {!judging && (
          <Form.Item name="note" label={m('sol.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
