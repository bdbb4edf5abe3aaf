/**
 * A notice drafted from a call's applications that passed screening (and are not awarded yet): the
 * ranked list with each proposed grant and, below the request, its reason. The server's funding-plan
 * check names each wrong entry; its messages go on that entry's fields.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Typography,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { screeningApi } from '../../api/programme.js';
import { noticesApi } from '../../api/notice.js';
import { fenToWanNumber, showFen, wanToFen } from '../../../../shared/money.js';
import { showFieldErrors } from './bits.js';
import { useN } from './i18n.js';

interface Candidate {
  applicationId: string;
  projectTitle: string | null;
  orgName: string;
  directionTitle: string;
  requestedGrantFen: number | null;
}

interface EntryForm {
  applicationId: string;
  grantWan: number | null;
  reason?: string;
}

interface NoticeForm {
  title: string;
  startDate: Dayjs;
  workingDays: number;
  entries: EntryForm[];
}

/** The server names an entry's money fields in fen and its direction; the form has one grant field. */
const rename = (f: string) =>
  f
    .replace(/^(entries\.\d+)\.(proposedGrantFen|firstYearFen)$/, '$1.grantWan')
    .replace(/^(entries\.\d+)\.directionCode$/, '$1.applicationId');

export function CreateNoticeDialog(props: {
  callId: string;
  callName: string;
  onClose(): void;
  onCreated(): void;
}) {
  const { n, lang } = useN();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeForm>();
  const [candidates, setCandidates] = useState<Candidate[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const entries = (Form.useWatch('entries', form) ?? []) as EntryForm[];

  useEffect(() => {
    screeningApi.list(props.callId, { result: 'pass' }).then(
      (res) => {
        const open = res.items.filter((i) => !i.outcome?.awarded);
        setCandidates(open);
        form.setFieldValue(
          'entries',
          open.map((c) => ({
            applicationId: c.applicationId,
            grantWan: fenToWanNumber(c.requestedGrantFen),
          })),
        );
      },
      () => setCandidates([]),
    );
  }, [props.callId]);
  const byId = new Map((candidates ?? []).map((c) => [c.applicationId, c]));
  const req = [{ required: true, message: n('create.required') }];

  const ok = async () => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as NoticeForm;
    if (!v.entries?.length) return setError(n('create.emptyList'));
    setBusy(true);
    setError(undefined);
    try {
      await noticesApi.create({
        callId: props.callId,
        title: v.title,
        startDate: v.startDate.format('YYYY-MM-DD'),
        workingDays: v.workingDays,
        entries: v.entries.map((e) => ({
          applicationId: e.applicationId,
          proposedGrantFen: wanToFen(e.grantWan ?? 0) ?? 0,
          ...(e.reason?.trim() ? { reason: e.reason.trim() } : {}),
        })),
      });
      message.success(n('create.done'));
      props.onCreated();
    } catch (e) {
      setError(showFieldErrors(form, e, lang, ['title', 'startDate', 'workingDays', 'entries'], rename));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={980}
      title={`${n('create.title')} · ${props.callName}`}
      onCancel={props.onClose}
      onOk={ok}
      okText={n('create.ok')}
      okButtonProps={{ loading: busy, 'data-testid': 'notice-create-ok' } as never}
    >
      <Typography.Paragraph type="secondary">{n('create.hint')}</Typography.Paragraph>
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
        initialValues={{ title: n('create.titleDefault'), startDate: dayjs(), workingDays: 5, entries: [] }}
      >
        <Space wrap size="large" align="start">
          <Form.Item name="title" label={n('create.callTitle')} rules={req}>
            <Input style={{ width: 360 }} data-testid="notice-title" />
          </Form.Item>
          <Form.Item name="startDate" label={n('create.start')} extra={n('create.startHint')} rules={req}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="workingDays" label={n('create.days')} rules={req}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{n('create.entries')}</Typography.Title>
        {candidates?.length === 0 && <Alert type="info" message={n('create.noCandidates')} />}
        <Form.List name="entries">
          {(fields, { remove, move, add }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" data-testid={`notice-entry-${i}`}>
                  <Typography.Text strong style={{ display: 'inline-block', width: 28, paddingTop: 5 }}>
                    {i + 1}
                  </Typography.Text>
                  <Form.Item name={[f.name, 'applicationId']} style={{ width: 380 }}>
                    <ProjectCell
                      byId={byId}
                      requested={n('create.requested', { amount: '{amount}' })}
                      lang={lang}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'grantWan']} rules={req}>
                    <InputNumber
                      min={0}
                      step={10}
                      addonAfter={lang === 'en' ? '10k' : '万元'}
                      style={{ width: 150 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'reason']}>
                    <Input placeholder={n('create.reasonPh')} style={{ width: 220 }} />
                  </Form.Item>
                  <Button icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                  <Button
                    icon={<ArrowDownOutlined />}
                    disabled={i === fields.length - 1}
                    onClick={() => move(i, i + 1)}
                  />
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Select
                style={{ width: 520, marginTop: 8 }}
                placeholder={n('create.addPh')}
                value={null}
                onChange={(id: string) => {
                  const c = byId.get(id);
                  add({ applicationId: id, grantWan: fenToWanNumber(c?.requestedGrantFen ?? null) });
                }}
                options={(candidates ?? [])
                  .filter((c) => !entries.some((e) => e?.applicationId === c.applicationId))
                  .map((c) => ({ value: c.applicationId, label: `${c.projectTitle ?? ''} · ${c.orgName}` }))}
              />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** The project of an entry (the form keeps its id), with what it requested. */
function ProjectCell(props: {
  value?: string;
  byId: Map<string, Candidate>;
  requested: string;
  lang: string;
}) {
  const c = props.value ? props.byId.get(props.value) : undefined;
  return (
    <div style={{ lineHeight: 1.4 }}>
      <div>{c?.projectTitle ?? props.value}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c ? `${c.orgName} · ${c.directionTitle} · ` : ''}
        {props.requested.replace('{amount}', showFen(c?.requestedGrantFen ?? null, props.lang))}
      </Typography.Text>
    </div>
  );
}
