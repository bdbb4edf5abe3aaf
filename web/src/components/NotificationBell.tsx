import { useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { listNotifications } from '../api/admin.js';
import type { NotificationItem } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

/** The bell in the top bar: the user's unread notifications from /api/notifications. */
export function NotificationBell() {
  const { t, pick, fmt } = useI18n();
  const [items, setItems] = useState<NotificationItem[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      listNotifications()
        .then((n) => live && setItems(n))
        .catch(() => live && setItems([]));
    void load();
    const timer = window.setInterval(load, 60_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);
  const unread = items.filter((n) => !n.readAt).length;
  const content = (
    <div style={{ width: 320 }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('layout.noNotifications')} />
      ) : (
        <List
          size="small"
          dataSource={items.slice(0, 8)}
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{pick(n.titleZh, n.titleEn)}</Typography.Text>}
                description={
                  <>
                    {n.body && (
                      <Typography.Paragraph
                        type="secondary"
                        ellipsis={{ rows: 2 }}
                        style={{ marginBottom: 0, whiteSpace: 'pre-line' }}
                      >
                        {pick(n.body, n.bodyEn ?? n.body)}
                      </Typography.Paragraph>
                    )}
                    {fmt(n.createdAt, 'MM-DD HH:mm')}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('layout.notifications')} content={content}>
      <Button type="text" aria-label={t('layout.notifications')} data-testid="notifications">
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellOutlined style={{ fontSize: 17 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
