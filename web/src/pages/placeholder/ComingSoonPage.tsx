import { Button, Card, Result, Space, Typography } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/index.js';
import type { MessageKey } from '../../i18n/zh-CN.js';
import type { NavItem } from '../../nav/navigation.js';
import { PageHeader } from '../../components/PageHeader.js';

/** A page whose module is not built yet: says so plainly, and shows no sample data. */
export function ComingSoonPage({ item }: { item: NavItem }) {
  const { t } = useI18n();
  const nav = useNavigate();
  return (
    <>
      <PageHeader title={t(item.label)} subtitle={t(`nav.group.${item.group}` as MessageKey)} />
      <Card variant="borderless" data-testid="coming-soon">
        <Result
          icon={<ToolOutlined style={{ color: '#1d4ed8' }} />}
          title={t('soon.title')}
          subTitle={
            <Space direction="vertical" size={4}>
              <span>{t('soon.desc', { page: t(item.label), module: item.module })}</span>
              <Typography.Text type="secondary">{t('soon.noFake')}</Typography.Text>
            </Space>
          }
          extra={
            <Button type="primary" onClick={() => nav('/dashboard')}>
              {t('common.home')}
            </Button>
          }
        />
      </Card>
    </>
  );
}
