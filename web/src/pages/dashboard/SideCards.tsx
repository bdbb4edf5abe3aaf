import { useEffect, useState } from 'react';
import { Card, Descriptions, Empty, List, Space, Tag, Timeline, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { listNotifications } from '../../api/admin.js';
import type { NotificationItem } from '../../api/types.js';
import type { AuditRecord } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { ROLE_LABELS, orgTypeKey, roleLabel } from '../../components/roleLabels.js';
import { useI18n } from '../../i18n/index.js';

export function AccountCard() {
  const me = useMe();
  const { t, lang } = useI18n();
  return (
    <Card
      title={t('dash.myAccount')}
      variant="borderless"
      style={{ marginBottom: 16 }}
      data-testid="account-card"
    >
      <Descriptions
        column={1}
        size="small"
        colon={false}
        labelStyle={{ width: 88, color: 'rgba(0,0,0,0.45)' }}
      >
        <Descriptions.Item label={t('user.username')}>{me.username}</Descriptions.Item>
        <Descriptions.Item label={t('dash.myOrg')}>
          <Space direction="vertical" size={0}>
            <span>{me.orgName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(orgTypeKey(me.orgType))}
            </Typography.Text>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('dash.myRoles')}>
          <Space size={[4, 4]} wrap>
            {me.roles.map((r) => (
              <Tag key={r} color={ROLE_LABELS[r]?.color} bordered={false}>
                {roleLabel(r, lang)}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('dash.security')}>
          {me.mfaEnabled ? (
            <Typography.Text type="success">
              <CheckCircleFilled /> {t('dash.mfaOn')}
            </Typography.Text>
          ) : (
            <Typography.Text type="warning">
              <ExclamationCircleFilled /> {t('dash.mfaOff')}
            </Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function NotificationsCard() {
  const { t, pick, fmt } = useI18n();
  const [items, setItems] = useState<NotificationItem[] | undefined>();
  useEffect(() => {
    listNotifications()
      .then(setItems)
      .catch(() => setItems([]));
  }, []);
  return (
    <Card title={t('dash.myNotifications')} variant="borderless" loading={items === undefined}>
      {items && items.length ? (
        <List
          size="small"
          dataSource={items.slice(0, 5)}
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta
                title={pick(n.titleZh, n.titleEn)}
                description={fmt(n.createdAt, 'YYYY-MM-DD HH:mm')}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('layout.noNotifications')} />
      )}
    </Card>
  );
}

export function ActivityCard({ items, loading }: { items?: AuditRecord[]; loading: boolean }) {
  const { t, fmt } = useI18n();
  return (
    <Card title={t('dash.myActivity')} variant="borderless" loading={loading}>
      {items && items.length ? (
        <Timeline
          items={items.map((a) => ({
            color: a.result === 'ok' ? 'green' : a.result === 'denied' ? 'orange' : 'red',
            children: (
              <Space size={12}>
                <Typography.Text code>{a.action}</Typography.Text>
                <Typography.Text type="secondary">{fmt(a.at, 'MM-DD HH:mm:ss')}</Typography.Text>
                {a.ip && <Typography.Text type="secondary">{a.ip}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.none')} />
      )}
    </Card>
  );
}
