/** The expert declines a review task with a reason, declaring a conflict of interest if there is one. */
import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { tasksApi, type ReviewTaskDetail } from '../../api/review.js';
import { applyProblem } from '../../components/problem.js';
import { useR } from './i18n.js';

export function DeclineDialog({
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
