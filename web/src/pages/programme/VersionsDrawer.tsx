/** Saved versions of a draft: when, by whom, how many problems; view one, restore it into the form. */
import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, List, Modal, Space, Tag, Typography } from 'antd';
import { applicationsApi } from '../../api/programme.js';
import type { ApplicationDetail, VersionDto } from '../../api/types.js';
import { problemText } from '../../components/problem.js';
import { useP } from './i18n.js';

export function VersionsDrawer({
  open,
  app,
  editable,
  onClose,
  onRestore,
}: {
  open: boolean;
  app: ApplicationDetail;
  editable: boolean;
  onClose(): void;
  onRestore(content: Record<string, any>): void;
}) {
  const { p, fmt, lang, pick } = useP();
  const [items, setItems] = useState<VersionDto[]>();
  const [error, setError] = useState<unknown>();
  const [viewing, setViewing] = useState<(VersionDto & { content: Record<string, any> }) | null>(null);

  useEffect(() => {
    if (!open) return;
    setItems(undefined);
    applicationsApi.versions(app.id).then((r) => setItems(r.items), setError);
  }, [open, app.id, app.version]);

  return (
    <Drawer open={open} onClose={onClose} title={p('versions.title')} width={420} data-testid="versions">
      {error !== undefined && <Alert type="error" showIcon message={problemText(error, lang)} />}
      <List
        loading={!items && error === undefined}
        dataSource={items ?? []}
        renderItem={(v) => (
          <List.Item
            actions={[
              <Button
                key="view"
                type="link"
                size="small"
                onClick={() => applicationsApi.version(app.id, v.version).then(setViewing, setError)}
              >
                {p('versions.view')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  <Tag color="blue">v{v.version}</Tag>
                  {fmt(v.savedAt, 'YYYY-MM-DD HH:mm:ss')}
                </Space>
              }
              description={
                <Space>
                  {v.findingCount > 0 ? (
                    <Tag color="warning">{p('versions.findings', { n: v.findingCount })}</Tag>
                  ) : (
                    <Tag color="success">OK</Tag>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p('versions.by')} {v.savedByName ?? '—'}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!viewing}
        title={`v${viewing?.version ?? ''} · ${fmt(viewing?.savedAt, 'YYYY-MM-DD HH:mm:ss')}`}
        onCancel={() => setViewing(null)}
        width={760}
        footer={
          <Space>
            <Button onClick={() => setViewing(null)}>{p('common.cancel')}</Button>
            {editable && (
              <Button
                type="primary"
                onClick={() => viewing && (onRestore(viewing.content), setViewing(null))}
              >
                {pick('恢复此版本到表单', 'Restore this version into the form')}
              </Button>
            )}
          </Space>
        }
      >
        <pre style={{ maxHeight: 480, overflow: 'auto', fontSize: 12, background: '#fafafa', padding: 12 }}>
          {JSON.stringify(viewing?.content, null, 2)}
        </pre>
      </Modal>
    </Drawer>
  );
}
