import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { authApi } from '../api/auth.js';
import { LANGS, useI18n, type Lang } from '../i18n/index.js';

/** 中文 / English: saved in this browser and, when signed in, on the account. */
export function LanguageSwitch({ signedIn, light }: { signedIn: boolean; light?: boolean }) {
  const { lang, setLang, t } = useI18n();
  const choose = (l: Lang) => {
    setLang(l);
    if (signedIn) authApi.setLocale(l).catch(() => undefined);
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: LANGS.map((l) => ({
          key: l.code,
          label: <span data-testid={`lang-${l.code}`}>{l.label}</span>,
        })),
        onClick: ({ key }) => choose(key as Lang),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="lang-switch"
        aria-label={t('lang.switch')}
        style={light ? { color: '#fff' } : undefined}
      >
        {LANGS.find((l) => l.code === lang)?.label}
      </Button>
    </Dropdown>
  );
}
