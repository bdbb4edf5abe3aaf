/** 拟立项项目公示 (public, no sign-in): the published notices, the open ones first, with their periods. */
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Empty, Layout, List, Skeleton, Space, Tag, Typography } from 'antd';
import { publicNoticesApi, type PublicNotice } from '../../api/notice.js';
import { PublicHeader } from '../../components/PublicHeader.js';
import { problemText } from '../../components/problem.js';
import { useI18n } from '../../i18n/index.js';
import { NOTICE_STATUS_COLOR, stateText } from './bits.js';
import { useN } from './i18n.js';

/** The public site's frame (as a call's public page): the header, the page, the footer. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fb' }}>
      <PublicHeader title={title} />
      <Layout.Content className="to-pub-main">{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)' }}>
        {t('app.fullName')}
      </Layout.Footer>
    </Layout>
  );
}

export function PublicNoticeListPage() {
  const { n, L, lang } = useN();
  const [items, setItems] = useState<PublicNotice[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    publicNoticesApi.list().then(
      (r) => setItems([...r.items].sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open'))),
      (e) => {
        setError(e);
        setItems([]);
      },
    );
  }, []);
  return (
    <PublicFrame title={n('public.title')}>
      <Card data-testid="public-notices">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {n('public.listTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{n('public.listSubtitle')}</Typography.Paragraph>
        {error !== undefined && <Alert type="error" showIcon message={problemText(error, lang)} />}
        {items === undefined ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty description={n('public.empty')} />
        ) : (
          <List
            dataSource={items}
            renderItem={(x) => (
              <List.Item
                data-testid={`public-notice-${x.id}`}
                actions={[
                  <Link key="open" to={`/notices/${x.id}`}>
                    {n('public.open')}
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Link to={`/notices/${x.id}`} data-testid="public-notice-link">
                      {x.title}
                    </Link>
                  }
                  description={
                    <Space wrap>
                      <Tag color={NOTICE_STATUS_COLOR[x.status]}>{L(x.statusLabel)}</Tag>
                      {x.status === 'published' && <Tag>{stateText(n, x.state)}</Tag>}
                      <span>
                        {n('public.period')}：{L(x.period.text)}
                      </span>
                      <span>
                        {x.entries.length} {n('public.entries')}
                      </span>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </PublicFrame>
  );
}
