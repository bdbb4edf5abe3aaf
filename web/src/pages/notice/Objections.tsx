/**
 * The objections to a notice (staff): who lodged each, how to reach them (in clear for the programme
 * office, masked otherwise), the statement, and the finding — recorded here as upheld (the project is
 * not awarded) or rejected, with the reason.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import { noticesApi, type Notice, type Objection } from '../../api/notice.js';
import { OBJECTION_STATUS_COLOR, showFieldErrors } from './bits.js';
import { useN } from './i18n.js';

export function Objections({ notice, onChange }: { notice: Notice; onChange(n: Notice): void }) {
  const { n } = useN();
  const titleOf = (id: string) => notice.entries.find((e) => e.applicationId === id)?.projectTitle ?? id;
  return (
    <Card title={`${n('detail.objections')}（${notice.objections.length}）`} data-testid="objections">
      {notice.objections.length === 0 && <Empty description={n('detail.noObjections')} />}
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {notice.objections.map((o) => (
          <ObjectionCard key={o.id} o={o} project={titleOf(o.applicationId)} onChange={onChange} />
        ))}
      </Space>
    </Card>
  );
}

function ObjectionCard({
  o,
  project,
  onChange,
}: {
  o: Objection;
  project: string;
  onChange(n: Notice): void;
}) {
  const { n, L, fmt, lang } = useN();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ finding: 'upheld' | 'rejected'; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const canDecide = o.actions.includes('uphold') || o.actions.includes('reject');
  const decide = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      onChange(await noticesApi.decide(o.id, { finding: v.finding, reason: v.reason, version: o.version }));
      message.success(n('objection.decided'));
    } catch (e) {
      setError(showFieldErrors(form, e, lang, ['finding', 'reason']));
    } finally {
      setBusy(false);
    }
  };
  const contact = [o.contactPhone, o.contactEmail].filter(Boolean).join(' / ') || '—';
  return (
    <Card type="inner" size="small" data-testid={`objection-${o.id}`} className="to-objection">
      <Space style={{ marginBottom: 8 }} wrap>
        <Tag color={OBJECTION_STATUS_COLOR[o.status]} data-testid="objection-status">
          {L(o.statusLabel)}
        </Tag>
        <Typography.Text strong>{project}</Typography.Text>
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={n('objection.by')}>
          {o.objectorName}（{o.signedIn ? n('objection.signedIn') : n('objection.anonymous')}）
        </Descriptions.Item>
        <Descriptions.Item label={n('objection.org')}>{o.organisation ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={n('objection.contact')}>{contact}</Descriptions.Item>
        <Descriptions.Item label={n('objection.lodgedAt')}>
          {fmt(o.createdAt, 'YYYY-MM-DD HH:mm')}
        </Descriptions.Item>
        <Descriptions.Item label={n('objection.statement')} span={2}>
          <Typography.Paragraph
            style={{ whiteSpace: 'pre-wrap', margin: 0 }}
            data-testid="objection-statement"
          >
            {o.statement}
          </Typography.Paragraph>
        </Descriptions.Item>
        {o.evidence.length > 0 && (
          <Descriptions.Item label={n('objection.evidence')} span={2}>
            <span data-testid="objection-evidence">
              {o.evidence.map((f) => (
                <a key={f.fileId} href={`/api/files/${f.fileId}`} style={{ marginRight: 12 }}>
                  {f.name}
                </a>
              ))}
            </span>
          </Descriptions.Item>
        )}
        {o.findingReason && (
          <Descriptions.Item label={n('objection.finding')} span={2}>
            <span data-testid="objection-finding">
              {o.findingReason}（{n('objection.decidedBy', { at: fmt(o.decidedAt, 'YYYY-MM-DD HH:mm') })}）
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {canDecide && (
        <Form form={form} layout="vertical" style={{ marginTop: 8 }} data-testid="objection-decide-form">
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
          <Form.Item
            name="finding"
            label={n('objection.finding')}
            rules={[{ required: true, message: n('create.required') }]}
          >
            <Radio.Group>
              <Radio value="upheld" data-testid="finding-upheld">
                {n('objection.upheld')}
              </Radio>
              <Radio value="rejected" data-testid="finding-rejected">
                {n('objection.rejected')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="reason"
            label={n('objection.reason')}
            rules={[{ required: true, message: n('create.required') }]}
          >
            <Input.TextArea rows={3} placeholder={n('objection.reasonPh')} data-testid="finding-reason" />
          </Form.Item>
          <Button type="primary" loading={busy} onClick={decide} data-testid="objection-decide">
            {n('objection.decide')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
