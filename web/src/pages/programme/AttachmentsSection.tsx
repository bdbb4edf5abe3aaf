/** Typed attachments: upload through /api/files, then link to the application. */
import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { applicationsApi, uploadFile } from '../../api/programme.js';
import type { ApplicationDetail, AttachmentDto } from '../../api/types.js';
import { problemText } from '../../components/problem.js';
import { useP } from './i18n.js';

export function AttachmentsSection({
  app,
  editable,
  onChanged,
}: {
  app: ApplicationDetail;
  editable: boolean;
  onChanged(): void;
}) {
  const { p, L, lang, fmt } = useP();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const upload = async (type: string, file: File) => {
    setBusy(type);
    setError(undefined);
    try {
      const meta = await uploadFile(file);
      await applicationsApi.attach(app.id, type, meta.id);
      message.success(p('editor.saved'));
      onChanged();
    } catch (e) {
      setError(problemText(e, lang));
    } finally {
      setBusy(undefined);
    }
  };
  const remove = async (a: AttachmentDto) => {
    try {
      await applicationsApi.detach(app.id, a.id);
      onChanged();
    } catch (e) {
      setError(problemText(e, lang));
    }
  };

  const rows = app.requiredAttachments.map((r) => ({
    ...r,
    files: app.attachments.filter((a) => a.type === r.type),
  }));
  // attachments of a type no longer required still show, so nothing is hidden
  for (const a of app.attachments)
    if (!rows.some((r) => r.type === a.type)) rows.push({ type: a.type, label: a.typeLabel, files: [a] });

  return (
    <div data-testid="attachments">
      {error && <Alert type="error" showIcon closable message={error} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="type"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: p('f.uploadType'),
            dataIndex: 'label',
            render: (_v, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{L(r.label)}</Typography.Text>
                <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                  {r.type}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: p('form.attachments'),
            key: 'files',
            render: (_v, r) =>
              r.files.length ? (
                <Space direction="vertical" size={2}>
                  {r.files.map((a) => (
                    <Space key={a.id} size={4} data-testid={`attachment-${r.type}`}>
                      <a href={`/api/files/${a.fileId}`} target="_blank" rel="noreferrer">
                        {a.name}
                      </a>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {(a.size / 1024).toFixed(1)} KB · {fmt(a.createdAt, 'MM-DD HH:mm')} · SHA-256{' '}
                        {a.sha256.slice(0, 10)}…
                      </Typography.Text>
                      {editable && (
                        <Popconfirm title={p('f.remove')} onConfirm={() => void remove(a)}>
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} />
                        </Popconfirm>
                      )}
                    </Space>
                  ))}
                </Space>
              ) : (
                <Tag color="warning">{p('f.missing')}</Tag>
              ),
          },
          {
            title: '',
            key: 'upload',
            width: 160,
            render: (_v, r) =>
              editable && (
                <Upload
                  showUploadList={false}
                  accept=".pdf,.doc,.docx,.xls,.xlsx,.jpg,.png,.zip"
                  customRequest={(o) => void upload(r.type, o.file as File)}
                >
                  <Button
                    size="small"
                    icon={<UploadOutlined />}
                    loading={busy === r.type}
                    data-testid={`upload-${r.type}`}
                  >
                    {p('f.upload')}
                  </Button>
                </Upload>
              ),
          },
        ]}
      />
    </div>
  );
}
