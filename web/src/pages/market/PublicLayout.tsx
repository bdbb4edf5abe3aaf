import { Button, Layout, Space } from 'antd';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { LogoMark } from '../../components/Logo.js';
import { MarketBase } from './common.js';
import { useMt } from './i18n.js';
import './market.css';

/** The public technology-market site: no sign-in needed. */
export function PublicLayout() {
  const { m, t } = useMt();
  const { me } = useAuth();
  const links: Array<[string, string]> = [
    ['/open/achievements', m('lib.title')],
    ['/open/needs', m('lib.needs')],
    ['/open/challenges', m('lib.challenges')],
    ['/open/funnel', m('lib.funnel')],
  ];
  return (
    <MarketBase.Provider value="/open">
      <Layout style={{ minHeight: '100vh' }}>
        <div className="to-public-header">
          <Space size={28}>
            <Link to="/open/achievements">
              <Space>
                <LogoMark size={30} />
                <span style={{ color: '#fff', fontSize: 17, fontWeight: 600 }}>{m('lib.publicSite')}</span>
              </Space>
            </Link>
            <nav>
              {links.map(([to, label]) => (
                <NavLink
                  key={to}
                  to={to}
                  className={({ isActive }) => `to-public-link${isActive ? ' active' : ''}`}
                >
                  {label}
                </NavLink>
              ))}
            </nav>
          </Space>
          <Space>
            <LanguageSwitch signedIn={!!me} light />
            <Link to={me ? '/dashboard' : '/login'}>
              <Button type="primary" ghost style={{ color: '#fff', borderColor: '#fff' }}>
                {me ? m('lib.workspace') : m('lib.signIn')}
              </Button>
            </Link>
          </Space>
        </div>
        <div className="to-public-body">
          <Outlet />
        </div>
        <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)' }}>
          {t('app.fullName')}
        </Layout.Footer>
      </Layout>
    </MarketBase.Provider>
  );
}
