import { Result } from 'antd';
import { useI18n } from '../i18n/index.js';

export function Forbidden() {
  const { t } = useI18n();
  return (
    <div data-testid="forbidden">
      <Result status="403" title="403" subTitle={t('common.noPermission')} />
    </div>
  );
}
