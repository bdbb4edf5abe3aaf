import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import {
  Alert,
  Avatar,
  Breadcrumb,
  Button,
  Dropdown,
  Layout,
  Menu,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { MenuProps } from 'antd';
import {
  BankOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SwapOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useAuth, useMe } from '../auth/AuthContext.js';
import { useWorkspace } from '../auth/workspace.js';
import { useI18n } from '../i18n/index.js';
import { GROUP_ORDER, itemByPath, navFor } from '../nav/navigation.js';
import { GROUP_ICONS, NAV_ICONS } from './navIcons.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NotificationBell } from './NotificationBell.js';
import { LogoMark } from './Logo.js';
import { ROLE_LABELS, roleLabel } from './roleLabels.js';
import type { MessageKey } from '../i18n/zh-CN.js';

const { Header, Sider, Content, Footer } = Layout;
const SIDER_BG = '#0c1b3a';

/** The signed-in shell: the role's navigation on the left, org / notifications / language / user on top. */
export function AppLayout() {
  const me = useMe();
  const { logout } = useAuth();
  const { role, setRole } = useWorkspace();
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = navFor(role);
  const current = itemByPath(pathname);

  const menuItems = useMemo<MenuProps['items']>(() => {
    const out: NonNullable<MenuProps['items']> = [
      { key: '/dashboard', icon: NAV_ICONS.dashboard, label: t('nav.dashboard') },
    ];
    for (const g of GROUP_ORDER) {
      const inGroup = items.filter((i) => i.group === g);
      if (!inGroup.length) continue;
      const children = inGroup.map((i) => ({
        key: i.path,
        icon: NAV_ICONS[i.key],
        label: <span data-testid={`nav-${i.key}`}>{t(i.label)}</span>,
      }));
      if (inGroup.length === 1 && items.length <= 3) out.push(...children);
      else
        out.push({ key: `g:${g}`, icon: GROUP_ICONS[g], label: t(`nav.group.${g}` as MessageKey), children });
    }
    return out;
  }, [items, t]);

  // Small workspaces show every group open; the big ones open the group in use.
  const groupsInUse = GROUP_ORDER.filter((g) => items.some((i) => i.group === g)).map((g) => `g:${g}`);
  const defaultOpen =
    items.length <= 12 ? groupsInUse : current ? [`g:${current.group}`] : groupsInUse.slice(0, 1);
  const selected = current ? current.path : pathname.startsWith('/dashboard') ? '/dashboard' : pathname;

  const userMenu: MenuProps = {
    items: [
      { key: 'account', icon: <UserOutlined />, label: t('layout.account') },
      ...(me.roles.length > 1
        ? [
            { type: 'divider' as const },
            {
              key: 'roles',
              type: 'group' as const,
              label: t('layout.switchRole'),
              children: me.roles.map((r) => ({
                key: `role:${r}`,
                icon: <SwapOutlined />,
                label: roleLabel(r, lang),
                disabled: r === role,
              })),
            },
          ]
        : []),
      { type: 'divider' as const },
      {
        key: 'logout',
        icon: <LogoutOutlined />,
        label: <span data-testid="logout">{t('auth.logout')}</span>,
        danger: true,
      },
    ],
    onClick: ({ key }) => {
      if (key === 'account') nav('/account');
      else if (key === 'logout') void logout().then(() => nav('/login', { replace: true }));
      else if (key.startsWith('role:')) {
        setRole(key.slice(5) as typeof role);
        nav('/dashboard');
      }
    },
  };

  const crumbs = [
    { title: t('nav.dashboard') },
    ...(current
      ? [{ title: t(`nav.group.${current.group}` as MessageKey) }, { title: t(current.label) }]
      : []),
    ...(pathname === '/account' ? [{ title: t('layout.account') }] : []),
  ];

  return (
    <Layout
      style={{
        minHeight: '100vh',
        // the sider is sticky at 100vh; this keeps its column dark below it on long pages
        background: `linear-gradient(to right, ${SIDER_BG} ${collapsed ? 80 : 232}px, #f3f5f9 0)`,
      }}
    >
      <Sider
        width={232}
        collapsible
        collapsed={collapsed}
        trigger={null}
        style={{ background: SIDER_BG, position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div className="to-brand" onClick={() => nav('/dashboard')}>
          <LogoMark size={30} />
          {!collapsed && (
            <div className="to-brand-text">
              <div className="to-brand-name">{t('app.name')}</div>
              <div className="to-brand-sub">{t('app.fullName')}</div>
            </div>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          key={role}
          style={{ background: SIDER_BG, borderInlineEnd: 0 }}
          selectedKeys={[selected]}
          defaultOpenKeys={defaultOpen}
          items={menuItems}
          onClick={({ key }) => nav(key)}
        />
      </Sider>
      <Layout>
        <Header className="to-header">
          <Space size={12} align="center">
            <Button
              type="text"
              aria-label={t('layout.collapse')}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
            />
            <Breadcrumb items={crumbs} />
          </Space>
          <Space size={4} align="center">
            <Tooltip title={t('dash.myOrg')}>
              <span className="to-org" data-testid="org-name">
                <BankOutlined /> {me.orgName}
              </span>
            </Tooltip>
            <Tag color={ROLE_LABELS[role]?.color} style={{ marginInlineEnd: 8 }} data-testid="current-role">
              {roleLabel(role, lang)}
            </Tag>
            {/* during a forced password change the server refuses everything else (403): no bell */}
            {!me.mustChangePassword && <NotificationBell />}
            <LanguageSwitch signedIn />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
                <Space size={8}>
                  <Avatar size={28} style={{ background: '#1d4ed8' }}>
                    {me.name.slice(-2)}
                  </Avatar>
                  <Typography.Text>{me.name}</Typography.Text>
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="to-content">
          {me.mustChangePassword && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('account.mustChange')}
              data-testid="must-change-password"
              action={
                pathname !== '/account' && (
                  <Button size="small" type="primary" onClick={() => nav('/account')}>
                    {t('account.changeNow')}
                  </Button>
                )
              }
            />
          )}
          <Suspense fallback={<Spin size="large" className="to-page-spin" />}>
            <Outlet />
          </Suspense>
        </Content>
        <Footer className="to-footer">{t('app.footer')}</Footer>
      </Layout>
    </Layout>
  );
}
