import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/index.js';

export function NotFoundPage() {
  const { t } = useI18n();
  const nav = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Button type="primary" onClick={() => nav('/dashboard')}>
          {t('common.home')}
        </Button>
      }
    />
  );
}
