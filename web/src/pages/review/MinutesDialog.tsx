/**
 * Record a panel session's minutes: upload the file (会议纪要, through /api/files like every upload
 * form), then the panel's decision on each slotted application, with a reason for any but 建议立项.
 * Undecided applications are left out of what is sent, so the server names what is missing; each of its
 * field errors lands on the slot it is about.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.js';
import { uploadFile } from '../../api/programme.js';
import { panelApi, type MinutesBody, type PanelSession, type PanelSlot } from '../../api/review.js';
import type { FileMeta } from '../../api/types.js';
import { problemText } from '../../components/problem.js';
import { showFieldErrors } from '../notice/bits.js';
import { useR } from './i18n.js';

type Decision = MinutesBody['decisions'][number]['decision'];
interface Values {
  fileId?: string;
  note?: string;
  decisions: Array<{ decision?: Decision; note?: string }>;
}

const DECISIONS: Decision[] = ['recommended', 'notRecommended', 'absent'];

export function MinutesDialog({
  session,
  onClose,
  onDone,
}: {
  session: PanelSession;
  onClose(): void;
  onDone(): Promise<void>;
}) {
  const { r, lang } = useR();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<FileMeta>();
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const decisionLabel = (d: Decision) => r(`panel.d.${d}`);

  const upload = async (f: File) => {
    setUploading(true);
    setError(undefined);
    try {
      const meta = await uploadFile(f, 'review.panelMinutes');
      setFile(meta);
      form.setFields([{ name: 'fileId', value: meta.id, errors: [] }]);
    } catch (e) {
      setError(problemText(e, lang));
    } finally {
      setUploading(false);
    }
  };

  const ok = async () => {
    const v = form.getFieldsValue(true) as Values;
    if (!file) {
      form.setFields([{ name: 'fileId', errors: [r('panel.fileNeeded')] }]);
      return;
    }
    // what is sent: the decided slots; `sent[j]` is the slot index of the j-th decision
    const sent: number[] = [];
    const decisions: MinutesBody['decisions'] = [];
    session.slots.forEach((s, i) => {
      const d = v.decisions?.[i];
      if (!d?.decision) return;
      sent.push(i);
      decisions.push({
        applicationId: s.applicationId,
        decision: d.decision,
        note: d.note?.trim() || undefined,
      });
    });
    setBusy(true);
    setError(undefined);
    form.setFields(
      session.slots.flatMap((_, i) => [
        { name: ['decisions', i, 'decision'], errors: [] },
        { name: ['decisions', i, 'note'], errors: [] },
      ]) as never,
    );
    try {
      await panelApi.minutes(session.id, {
        version: session.version,
        fileId: file.id,
        note: v.note?.trim() || undefined,
        decisions,
      });
      message.success(r('panel.minutesSaved'));
      await onDone();
    } catch (e) {
      const rename = (f: string) => {
        const m = /^decisions\.(\d+)\.(.+)$/.exec(f);
        return m
          ? `decisions.${sent[Number(m[1])] ?? m[1]}.${m[2] === 'applicationId' ? 'decision' : m[2]}`
          : f === 'decisions'
            ? 'missing'
            : f;
      };
      setError(showFieldErrors(form, e, lang, ['fileId', 'note', 'decisions'], rename));
      // 缺少 X 的会议结论: on the decision of the slot the message names
      if (e instanceof ApiError)
        for (const f of e.errors.filter((x) => x.field === 'decisions')) {
          const i = session.slots.findIndex((s) =>
            f.message.includes(s.receiptNumber ?? s.projectTitle ?? s.applicationId),
          );
          if (i >= 0)
            form.setFields([
              { name: ['decisions', i, 'decision'], errors: [lang === 'en' ? f.messageEn : f.message] },
            ] as never);
        }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={900}
      title={`${r('panel.minutes')} · ${session.title}`}
      onCancel={onClose}
      onOk={ok}
      okText={r('common.ok')}
      cancelText={r('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'minutes-ok' } as never}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="minutes-error"
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ decisions: session.slots.map(() => ({})) }}>
        <Form.Item name="fileId" label={r('panel.minutesFile')} required>
          <Space wrap>
            <Upload
              showUploadList={false}
              beforeUpload={(f) => {
                void upload(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading} data-testid="minutes-upload">
                {r('panel.upload')}
              </Button>
            </Upload>
            {file && (
              <Typography.Text type="success" data-testid="minutes-file">
                {r('panel.uploaded', { name: file.name })}
              </Typography.Text>
            )}
          </Space>
        </Form.Item>
        <Table<PanelSlot>
          size="small"
          rowKey="applicationId"
          dataSource={session.slots}
          pagination={false}
          data-testid="minutes-slots"
          columns={[
            { title: r('panel.position'), dataIndex: 'position', width: 56 },
            {
              title: r('round.application'),
              render: (_, x) => (
                <div>
                  <div>{x.projectTitle ?? '—'}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {x.receiptNumber}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: r('panel.decision'),
              width: 200,
              render: (_, _x, i) => (
                <Form.Item name={['decisions', i, 'decision']} style={{ marginBottom: 0 }}>
                  <Select
                    placeholder={r('panel.decisionPh')}
                    options={DECISIONS.map((d) => ({ value: d, label: decisionLabel(d) }))}
                    data-testid={`minutes-decision-${i}`}
                  />
                </Form.Item>
              ),
            },
            {
              title: r('panel.decisionNote'),
              width: 260,
              render: (_, _x, i) => (
                <Form.Item name={['decisions', i, 'note']} style={{ marginBottom: 0 }}>
                  <Input maxLength={500} placeholder={r('panel.notePh')} data-testid={`minutes-note-${i}`} />
                </Form.Item>
              ),
            },
          ]}
        />
        <Form.Item name="note" label={r('panel.minutesNote')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="minutes-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
