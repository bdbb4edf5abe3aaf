import { Layout } from 'antd';
import { Outlet } from 'react-router-dom';
import { PublicHeader } from '../../components/PublicHeader.js';
import { MarketBase } from './common.js';
import { useMt } from './i18n.js';
import './market.css';

/** The public technology-market site: no sign-in needed. */
export function PublicLayout() {
  const { m, t } = useMt();
  return (
    <MarketBase.Provider value="/open">
      <Layout style={{ minHeight: '100vh' }}>
        <PublicHeader title={m('lib.publicSite')} />
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
