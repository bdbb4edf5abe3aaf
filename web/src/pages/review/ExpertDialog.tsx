/** Change an assigned expert, or add one to an application of the round, always with a reason. */
import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { roundsApi, type AssignedExpert, type RoundDetail, type RoundItem } from '../../api/review.js';
import { applyProblem } from '../../components/problem.js';
import { useR } from './i18n.js';

export type ExpertDialogState =
  { kind: 'change'; item: RoundItem; expert: AssignedExpert } | { kind: 'add'; item: RoundItem };

export function ExpertDialog({
  round,
  dialog,
  onClose,
  onDone,
}: {
  round: RoundDetail;
  dialog: ExpertDialogState;
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
