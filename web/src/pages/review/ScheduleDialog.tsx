/**
 * Schedule a panel session: title, venue, the start (Beijing time, a working day — the server checks
 * the holiday calendar), the minutes per application, and the shortlisted applications without a slot
 * in the order they present; a preview of the consecutive slots and of the panel (the experts the round
 * assigned to those applications). Each wrong field the server names is shown on that field.
 */
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, InputNumber, List, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { panelApi, type RoundDetail } from '../../api/review.js';
import { fromShanghaiLocal, inShanghai } from '../../../../shared/time.js';
import { showFieldErrors } from '../notice/bits.js';
import { useR } from './i18n.js';

interface Values {
  title: string;
  venue: string;
  startsAt: Dayjs;
  slotMinutes: number;
  applicationIds: string[];
}

const FIELDS = ['title', 'venue', 'startsAt', 'slotMinutes', 'applicationIds'];

export function ScheduleDialog({
  round,
  unscheduled,
  onClose,
  onDone,
}: {
  round: RoundDetail;
  unscheduled: string[];
  onClose(): void;
  onDone(): Promise<void>;
}) {
  const { r, lang } = useR();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const items = new Map(round.items.map((i) => [i.applicationId, i]));
  const label = (id: string) => {
    const i = items.get(id);
    return i ? `${i.receiptNumber ?? ''} ${i.projectTitle ?? ''}`.trim() : id;
  };
  const chosen: string[] = Form.useWatch('applicationIds', form) ?? [];
  const startsAt: Dayjs | undefined = Form.useWatch('startsAt', form);
  const minutes: number = Form.useWatch('slotMinutes', form) ?? 20;
  const members = [
    ...new Set(
      chosen.flatMap((id) =>
        (items.get(id)?.experts ?? [])
          .filter((e) => e.status !== 'replaced' && e.status !== 'declined')
          .map((e) => e.expertName),
      ),
    ),
  ];

  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await panelApi.schedule(round.id, {
        title: v.title,
        venue: v.venue,
        startsAt: fromShanghaiLocal(v.startsAt.format('YYYY-MM-DDTHH:mm')),
        slotMinutes: v.slotMinutes,
        applicationIds: v.applicationIds,
      });
      message.success(r('panel.scheduled'));
      await onDone();
    } catch (e) {
      // `applicationIds.2` (not shortlisted, already slotted, twice) goes on the list of applications
      setError(showFieldErrors(form, e, lang, FIELDS, (f) => f.split('.')[0]!));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={r('panel.new')}
      onCancel={onClose}
      onOk={ok}
      okText={r('common.ok')}
      cancelText={r('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'schedule-ok' } as never}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="schedule-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: r('panel.formTitleDefault'),
          slotMinutes: 20,
          startsAt: inShanghai().add(7, 'day').hour(9).minute(0).second(0),
          applicationIds: unscheduled,
        }}
      >
        <Form.Item
          name="title"
          label={r('panel.formTitle')}
          rules={[{ required: true, min: 2, message: r('form.required') }]}
        >
          <Input maxLength={100} data-testid="schedule-title" />
        </Form.Item>
        <Form.Item
          name="venue"
          label={r('panel.formVenue')}
          rules={[{ required: true, min: 2, message: r('form.required') }]}
        >
          <Input maxLength={200} data-testid="schedule-venue" />
        </Form.Item>
        <Form.Item
          name="startsAt"
          label={r('panel.formStartsAt')}
          rules={[{ required: true, message: r('form.required') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            data-testid="schedule-starts"
          />
        </Form.Item>
        <Form.Item
          name="slotMinutes"
          label={r('panel.formSlotMinutes')}
          rules={[{ required: true, message: r('form.required') }]}
        >
          <InputNumber min={5} max={240} data-testid="schedule-minutes" />
        </Form.Item>
        <Form.Item
          name="applicationIds"
          label={r('panel.formApps')}
          rules={[{ required: true, message: r('panel.formAppsPh') }]}
        >
          <Select
            mode="multiple"
            maxTagCount="responsive"
            optionFilterProp="label"
            placeholder={r('panel.formAppsPh')}
            options={unscheduled.map((id) => ({ value: id, label: label(id) }))}
            data-testid="schedule-apps"
          />
        </Form.Item>
      </Form>
      {startsAt && chosen.length > 0 && (
        <List
          size="small"
          bordered
          style={{ maxHeight: 200, overflow: 'auto', marginBottom: 12 }}
          dataSource={chosen}
          renderItem={(id, i) => (
            <List.Item>
              <Typography.Text>
                {i + 1}. {startsAt.add(i * minutes, 'minute').format('HH:mm')}—
                {startsAt.add((i + 1) * minutes, 'minute').format('HH:mm')} {label(id)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {r('panel.formMembers')}：{members.join('、') || '—'}
        <br />
        {r('panel.formMembersHint')}
      </Typography.Paragraph>
    </Modal>
  );
}
