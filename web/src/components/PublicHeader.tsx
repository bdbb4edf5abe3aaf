/** The header of every public page (home, a call's page, the market site): fits a 390 px phone. */
import { Button } from 'antd';
import { Link, NavLink } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.js';
import { useI18n } from '../i18n/index.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LogoMark } from './Logo.js';

export function PublicHeader({ title }: { title?: string }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const links: Array<[string, string]> = [
    ['/', t('home.nav.home')],
    ['/open/achievements', t('home.nav.achievements')],
    ['/open/needs', t('home.nav.needs')],
    ['/open/challenges', t('home.nav.challenges')],
    ['/open/funnel', t('home.nav.funnel')],
    ['/notices', t('home.nav.notices')],
  ];
  return (
    <header className="to-pub-header" data-testid="public-header">
      <Link to="/" className="to-pub-brand">
        <LogoMark size={30} />
        <span className="to-pub-brand-name">{t('app.name')}</span>
        {title && <span className="to-pub-brand-title">{title}</span>}
      </Link>
      <nav className="to-pub-nav">
        {links.map(([to, label]) => (
          <NavLink
            key={to}
            to={to}
            end={to === '/'}
            className={({ isActive }) => `to-pub-link${isActive ? ' active' : ''}`}
          >
            {label}
          </NavLink>
        ))}
      </nav>
      <div className="to-pub-actions">
        <LanguageSwitch signedIn={!!me} light />
        <Link to={me ? '/dashboard' : '/login'}>
          <Button type="primary" ghost className="to-pub-signin" data-testid="header-sign-in">
            {me ? t('home.workspace') : t('auth.login')}
          </Button>
        </Link>
      </div>
    </header>
  );
}
