import { Card, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useWorkspace } from '../../auth/workspace.js';
import { NAV_ICONS } from '../../components/navIcons.js';
import { useI18n } from '../../i18n/index.js';
import { navFor } from '../../nav/navigation.js';

/** Shortcuts to the role's pages, marked live or coming soon. */
export function QuickAccess() {
  const { role } = useWorkspace();
  const { t } = useI18n();
  const nav = useNavigate();
  const items = navFor(role);
  return (
    <Card title={t('dash.quick')} variant="borderless" style={{ marginBottom: 16 }}>
      <div className="to-quick">
        {items.map((i) => (
          <div
            key={i.key}
            className="to-quick-item"
            onClick={() => nav(i.path)}
            data-testid={`quick-${i.key}`}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <span className="icon">{NAV_ICONS[i.key]}</span>
              <Tag color={i.built ? 'success' : 'default'} style={{ marginInlineEnd: 0 }} bordered={false}>
                {i.built ? t('dash.statusLive') : t('dash.statusSoon')}
              </Tag>
            </div>
            <div className="label">{t(i.label)}</div>
          </div>
        ))}
      </div>
    </Card>
  );
}
