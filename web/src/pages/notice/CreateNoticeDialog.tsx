/**
 * A notice drafted from the call's consulted funding plan (资助计划): its lines are the list; staff give
 * the title, the first day and the period in working days. The server names each wrong field.
 */
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { noticesApi } from '../../api/notice.js';
import { showFieldErrors } from './bits.js';
import { useN } from './i18n.js';

interface NoticeForm {
  title: string;
  startDate: Dayjs;
  workingDays: number;
}

export function CreateNoticeDialog(props: {
  planId: string;
  callName: string;
  lines: number;
  onClose(): void;
  onCreated(noticeId: string): void;
}) {
  const { n, lang } = useN();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const req = [{ required: true, message: n('create.required') }];

  const ok = async () => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as NoticeForm;
    setBusy(true);
    setError(undefined);
    try {
      const created = await noticesApi.create({
        planId: props.planId,
        title: v.title,
        startDate: v.startDate.format('YYYY-MM-DD'),
        workingDays: v.workingDays,
      });
      message.success(n('create.done'));
      props.onCreated(created.id);
    } catch (e) {
      setError(showFieldErrors(form, e, lang, ['title', 'startDate', 'workingDays']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={`${n('create.title')} · ${props.callName}`}
      onCancel={props.onClose}
      onOk={ok}
      okText={n('create.ok')}
      okButtonProps={{ loading: busy, 'data-testid': 'notice-create-ok' } as never}
    >
      <Typography.Paragraph type="secondary">{n('create.hint', { n: props.lines })}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="notice-create-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: n('create.titleDefault'), startDate: dayjs(), workingDays: 5 }}
      >
        <Form.Item name="title" label={n('create.callTitle')} rules={req}>
          <Input data-testid="notice-title" />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item name="startDate" label={n('create.start')} extra={n('create.startHint')} rules={req}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="workingDays" label={n('create.days')} rules={req}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
