import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { AuthProvider, mfaSatisfied, useAuth } from './auth/AuthContext.js';
import { WorkspaceProvider } from './auth/workspace.js';
import { AppLayout } from './components/AppLayout.js';
import { I18nProvider, useI18n } from './i18n/index.js';
import { antdLocale } from './i18n/antd.js';
import { NAV_ITEMS } from './nav/navigation.js';
import { THEME } from './theme.js';

const LoginPage = lazy(() => import('./pages/auth/LoginPage.js').then((m) => ({ default: m.LoginPage })));
const ForgotPasswordPage = lazy(() =>
  import('./pages/auth/ForgotPasswordPage.js').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./pages/auth/ResetPasswordPage.js').then((m) => ({ default: m.ResetPasswordPage })),
);
const HomePage = lazy(() => import('./pages/home/HomePage.js').then((m) => ({ default: m.HomePage })));
const MfaPage = lazy(() => import('./pages/auth/MfaPage.js').then((m) => ({ default: m.MfaPage })));
const DashboardPage = lazy(() =>
  import('./pages/dashboard/DashboardPage.js').then((m) => ({ default: m.DashboardPage })),
);
const OrgListPage = lazy(() =>
  import('./pages/orgs/OrgListPage.js').then((m) => ({ default: m.OrgListPage })),
);
const UserListPage = lazy(() =>
  import('./pages/users/UserListPage.js').then((m) => ({ default: m.UserListPage })),
);
const AuditPage = lazy(() => import('./pages/audit/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const AccountPage = lazy(() =>
  import('./pages/account/AccountPage.js').then((m) => ({ default: m.AccountPage })),
);
const MarketRoutes = lazy(() =>
  import('./pages/market/MarketRoutes.js').then((m) => ({ default: m.MarketRoutes })),
);
const PublicMarketRoutes = lazy(() =>
  import('./pages/market/MarketRoutes.js').then((m) => ({ default: m.PublicMarketRoutes })),
);
const PublicLayout = lazy(() =>
  import('./pages/market/PublicLayout.js').then((m) => ({ default: m.PublicLayout })),
);
const ComingSoonPage = lazy(() =>
  import('./pages/placeholder/ComingSoonPage.js').then((m) => ({ default: m.ComingSoonPage })),
);
const CallListPage = lazy(() =>
  import('./pages/programme/CallListPage.js').then((m) => ({ default: m.CallListPage })),
);
const CallEditorPage = lazy(() =>
  import('./pages/programme/CallEditorPage.js').then((m) => ({ default: m.CallEditorPage })),
);
const PublicCallPage = lazy(() =>
  import('./pages/programme/PublicCallPage.js').then((m) => ({ default: m.PublicCallPage })),
);
const ApplicationListPage = lazy(() =>
  import('./pages/programme/ApplicationListPage.js').then((m) => ({ default: m.ApplicationListPage })),
);
const ApplicationPage = lazy(() =>
  import('./pages/programme/ApplicationPage.js').then((m) => ({ default: m.ApplicationPage })),
);
const ReceiptPage = lazy(() =>
  import('./pages/programme/ReceiptPage.js').then((m) => ({ default: m.ReceiptPage })),
);
const OngoingProjectsPage = lazy(() =>
  import('./pages/programme/OngoingProjectsPage.js').then((m) => ({ default: m.OngoingProjectsPage })),
);
const ScreeningPage = lazy(() =>
  import('./pages/programme/ScreeningPage.js').then((m) => ({ default: m.ScreeningPage })),
);
const TaskListPage = lazy(() =>
  import('./pages/review/TaskListPage.js').then((m) => ({ default: m.TaskListPage })),
);
const TaskPage = lazy(() => import('./pages/review/TaskPage.js').then((m) => ({ default: m.TaskPage })));
const RoundListPage = lazy(() =>
  import('./pages/review/RoundListPage.js').then((m) => ({ default: m.RoundListPage })),
);
const RoundPage = lazy(() => import('./pages/review/RoundPage.js').then((m) => ({ default: m.RoundPage })));
const FundingPlanPage = lazy(() =>
  import('./pages/notice/FundingPlanPage.js').then((m) => ({ default: m.FundingPlanPage })),
);
const FinalRankingPage = lazy(() =>
  import('./pages/review/FinalRankingPage.js').then((m) => ({ default: m.FinalRankingPage })),
);
const NoticeListPage = lazy(() =>
  import('./pages/notice/NoticeListPage.js').then((m) => ({ default: m.NoticeListPage })),
);
const NoticePage = lazy(() =>
  import('./pages/notice/NoticePage.js').then((m) => ({ default: m.NoticePage })),
);
const PublicNoticeListPage = lazy(() =>
  import('./pages/notice/PublicNoticeListPage.js').then((m) => ({ default: m.PublicNoticeListPage })),
);
const PublicNoticePage = lazy(() =>
  import('./pages/notice/PublicNoticePage.js').then((m) => ({ default: m.PublicNoticePage })),
);
const AgreementListPage = lazy(() =>
  import('./pages/projects/AgreementListPage.js').then((m) => ({ default: m.AgreementListPage })),
);
const AgreementPage = lazy(() =>
  import('./pages/projects/AgreementPage.js').then((m) => ({ default: m.AgreementPage })),
);
const LedgerPage = lazy(() =>
  import('./pages/projects/LedgerPage.js').then((m) => ({ default: m.LedgerPage })),
);
const NotFoundPage = lazy(() =>
  import('./pages/placeholder/NotFoundPage.js').then((m) => ({ default: m.NotFoundPage })),
);

const FullSpin = () => <Spin size="large" className="to-full-spin" />;

function RequireSignedIn({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const loc = useLocation();
  if (me === undefined) return <FullSpin />;
  if (me === null) return <Navigate to="/login" replace state={{ from: loc.pathname + loc.search }} />;
  if (!mfaSatisfied(me)) return <Navigate to="/mfa" replace />;
  // the server refuses everything but set-up routes until an administrator-set password is changed
  if (me.mustChangePassword && loc.pathname !== '/account') return <Navigate to="/account" replace />;
  return <WorkspaceProvider>{children}</WorkspaceProvider>;
}

function Shell() {
  const { lang } = useI18n();
  const soon = Object.values(NAV_ITEMS).filter((i) => !i.built);
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={THEME}>
      <AntApp>
        <AuthProvider>
          <Suspense fallback={<FullSpin />}>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/mfa" element={<MfaPage />} />
              <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              <Route path="/reset-password" element={<ResetPasswordPage />} />
              <Route path="/open" element={<PublicLayout />}>
                <Route path="*" element={<PublicMarketRoutes />} />
              </Route>
              <Route path="/public/calls/:id" element={<PublicCallPage />} />
              <Route path="/notices" element={<PublicNoticeListPage />} />
              <Route path="/notices/:id" element={<PublicNoticePage />} />
              <Route
                element={
                  <RequireSignedIn>
                    <AppLayout />
                  </RequireSignedIn>
                }
              >
                <Route path="/dashboard" element={<DashboardPage />} />
                <Route path={NAV_ITEMS.orgs.path} element={<OrgListPage />} />
                <Route path={NAV_ITEMS.users.path} element={<UserListPage />} />
                <Route path={NAV_ITEMS.audit.path} element={<AuditPage />} />
                <Route path={NAV_ITEMS.calls.path} element={<CallListPage />} />
                <Route path={`${NAV_ITEMS.calls.path}/:id`} element={<CallEditorPage />} />
                <Route path={NAV_ITEMS.applications.path} element={<ApplicationListPage />} />
                <Route path={`${NAV_ITEMS.applications.path}/:id`} element={<ApplicationPage />} />
                <Route path={`${NAV_ITEMS.applications.path}/:id/receipt`} element={<ReceiptPage />} />
                <Route path={NAV_ITEMS.screening.path} element={<ScreeningPage />} />
                <Route path={NAV_ITEMS.agreements.path} element={<AgreementListPage />} />
                <Route path={`${NAV_ITEMS.agreements.path}/:id`} element={<AgreementPage />} />
                <Route path={NAV_ITEMS.disbursements.path} element={<LedgerPage />} />
                <Route
                  path={`${NAV_ITEMS.screening.path}/ongoing-projects`}
                  element={<OngoingProjectsPage />}
                />
                <Route path={NAV_ITEMS.reviewTasks.path} element={<TaskListPage />} />
                <Route path={`${NAV_ITEMS.reviewTasks.path}/:id`} element={<TaskPage />} />
                <Route path={NAV_ITEMS.reviews.path} element={<RoundListPage />} />
                <Route path={`${NAV_ITEMS.reviews.path}/:id`} element={<RoundPage />} />
                <Route path="/review/rounds/final-ranking/:id" element={<FinalRankingPage />} />
                <Route path={NAV_ITEMS.notices.path} element={<NoticeListPage />} />
                <Route path={`${NAV_ITEMS.notices.path}/:id`} element={<NoticePage />} />
                <Route path={`${NAV_ITEMS.notices.path}/plans/:callId`} element={<FundingPlanPage />} />
                <Route path="/account" element={<AccountPage />} />
                <Route path="/market/*" element={<MarketRoutes />} />
                {soon.map((i) => (
                  <Route key={i.key} path={i.path} element={<ComingSoonPage item={i} />} />
                ))}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <BrowserRouter>
        <Shell />
      </BrowserRouter>
    </I18nProvider>
  );
}
