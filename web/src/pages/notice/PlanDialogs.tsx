/** The funding plan's dialogs: the consultation (会商: date, body, outcome, optional record file) and reopening. */
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { plansApi, type FundingPlan } from '../../api/notice.js';
import { uploadFile } from '../../api/programme.js';
import { showFieldErrors } from './bits.js';
import { useN } from './i18n.js';

interface ConsultForm {
  consultedOn: Dayjs;
  body: string;
  note: string;
}

export function ConsultDialog(props: { plan: FundingPlan; onClose(): void; onDone(p: FundingPlan): void }) {
  const { n, lang } = useN();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConsultForm>();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const req = [{ required: true, message: n('create.required') }];

  const ok = async () => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as ConsultForm;
    setBusy(true);
    setError(undefined);
    try {
      const uploaded = file ? await uploadFile(file) : null;
      const done = await plansApi.consult(props.plan.id, {
        version: props.plan.version,
        consultedOn: v.consultedOn.format('YYYY-MM-DD'),
        body: v.body,
        note: v.note,
        ...(uploaded ? { fileId: uploaded.id } : {}),
      });
      message.success(n('plan.consulted'));
      props.onDone(done);
    } catch (e) {
      setError(showFieldErrors(form, e, lang, ['consultedOn', 'body', 'note']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={n('plan.consult')}
      onCancel={props.onClose}
      onOk={ok}
      okButtonProps={{ loading: busy, 'data-testid': 'plan-consult-ok' } as never}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ consultedOn: dayjs(), body: '市财政科技投入统筹联动平台', note: '' }}
      >
        <Form.Item name="consultedOn" label={n('plan.consultedOn')} rules={req}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="body" label={n('plan.consultBody')} rules={req}>
          <Input />
        </Form.Item>
        <Form.Item name="note" label={n('plan.consultNote')} rules={req}>
          <Input.TextArea rows={3} data-testid="plan-consult-note" />
        </Form.Item>
        <Form.Item label={n('plan.consultFile')}>
          <Upload
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button icon={<UploadOutlined />}>{n('plan.upload')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReopenDialog(props: { plan: FundingPlan; onClose(): void; onDone(p: FundingPlan): void }) {
  const { n, lang } = useN();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const ok = async () => {
    await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      props.onDone(
        await plansApi.reopen(props.plan.id, {
          version: props.plan.version,
          reason: form.getFieldValue('reason'),
        }),
      );
    } catch (e) {
      setError(showFieldErrors(form, e, lang, ['reason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={n('plan.reopen')} onCancel={props.onClose} onOk={ok} okButtonProps={{ loading: busy }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={n('plan.reopenReason')}
          rules={[{ required: true, message: n('create.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
