import { Alert, Col, Row } from 'antd';
import { useMe } from '../../auth/AuthContext.js';
import { useWorkspace } from '../../auth/workspace.js';
import { problemText } from '../../components/problem.js';
import { roleLabel } from '../../components/roleLabels.js';
import { useI18n } from '../../i18n/index.js';
import { inShanghai } from '../../../../shared/time.js';
import { AccountCard, ActivityCard, NotificationsCard } from './SideCards.js';
import { AuditByDayChart, AuditResultChart, OrgTypeChart, UserRoleChart } from './Charts.js';
import { QuickAccess } from './QuickAccess.js';
import { StatCards } from './StatCards.js';
import { readable, useDashboardData } from './useDashboardData.js';

/** The workspace home of the current role: real counts from the API, shortcuts to the role's pages. */
export function DashboardPage() {
  const me = useMe();
  const { role } = useWorkspace();
  const { t, lang } = useI18n();
  const { data, loading, error } = useDashboardData(me);
  const can = readable(me);
  const now = inShanghai();
  const hour = now.hour();
  const greeting = t(
    hour < 12 ? 'dash.greeting.morning' : hour < 18 ? 'dash.greeting.afternoon' : 'dash.greeting.evening',
  );
  const date = lang === 'en' ? now.format('dddd, D MMMM YYYY') : now.format('YYYY年M月D日 dddd');
  const anyCharts = can.audit || can.orgs || can.users;

  return (
    <div data-testid="dashboard" data-role={role}>
      <div className="to-welcome">
        <div>
          <h3>
            {greeting}
            {lang === 'en' ? ', ' : '，'}
            {me.name}
          </h3>
          <div className="sub">
            {me.orgName} · {roleLabel(role, lang)} · {t('dash.today', { date })}
          </div>
        </div>
      </div>
      {error !== undefined && (
        <Alert type="warning" showIcon message={problemText(error, lang)} style={{ marginBottom: 16 }} />
      )}
      <StatCards data={data} loading={loading} can={can} me={me} />
      {anyCharts && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {can.audit && (
            <Col xs={24} xl={16}>
              <AuditByDayChart data={data} loading={loading} />
            </Col>
          )}
          {can.audit && (
            <Col xs={24} xl={8}>
              <AuditResultChart data={data} loading={loading} />
            </Col>
          )}
          {can.orgs && (
            <Col xs={24} xl={can.users ? 10 : 24}>
              <OrgTypeChart data={data} loading={loading} />
            </Col>
          )}
          {can.users && (
            <Col xs={24} xl={can.orgs ? 14 : 24}>
              <UserRoleChart data={data} loading={loading} />
            </Col>
          )}
        </Row>
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={16}>
          <QuickAccess />
          {can.audit && <ActivityCard items={data.myActivity} loading={loading} />}
        </Col>
        <Col xs={24} xl={8}>
          <AccountCard />
          <NotificationsCard />
        </Col>
      </Row>
    </div>
  );
}
