import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import {
  AuditOutlined,
  BulbOutlined,
  FileProtectOutlined,
  LockOutlined,
  SafetyOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { authApi } from '../../api/auth.js';
import { mfaSatisfied, useAuth } from '../../auth/AuthContext.js';
import { safeNext } from '../../auth/next.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { LogoMark } from '../../components/Logo.js';
import { applyProblem } from '../../components/problem.js';
import { ApiError } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t, lang } = useI18n();
  const { me, setMe } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string>();
  // a pause (429 sign_in_paused) or a lock (423) is not a wrong password: shown as a warning with its end
  const [paused, setPaused] = useState(false);
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();
  // ?next= (a public page's "登录后申报") or the page that sent the browser here; same-site paths only
  const from = safeNext(params.get('next') ?? (loc.state as { from?: string } | null)?.from);
  const [oidc, setOidc] = useState(false);
  useEffect(() => {
    authApi.oidcStatus().then(
      (r) => setOidc(r.configured),
      () => setOidc(false),
    );
  }, []);

  if (me && mfaSatisfied(me)) return <Navigate to={from} replace />;

  const submit = async (v: LoginForm) => {
    setError(undefined);
    setBusy(true);
    try {
      const r = await authApi.login(v.username.trim(), v.password);
      setMe(r.me);
      nav(r.mfa === 'none' ? from : '/mfa', { replace: true, state: { from } });
    } catch (e) {
      setPaused(e instanceof ApiError && (e.status === 429 || e.status === 423));
      setError(applyProblem(form, e, lang, ['username', 'password']));
    } finally {
      setBusy(false);
    }
  };

  const features = [
    { icon: <FileProtectOutlined />, text: t('auth.feature1') },
    { icon: <SolutionOutlined />, text: t('auth.feature2') },
    { icon: <AuditOutlined />, text: t('auth.feature3') },
    { icon: <BulbOutlined />, text: t('auth.feature4') },
  ];

  return (
    <div className="to-login">
      <div className="to-login-hero">
        <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <LogoMark size={40} />
          <div>
            <div style={{ fontSize: 20, fontWeight: 600, letterSpacing: 2 }}>{t('app.name')}</div>
            <div style={{ fontSize: 12, opacity: 0.7 }}>TransferOne</div>
          </div>
        </div>
        <div>
          <h1>{t('app.fullName')}</h1>
          <div className="slogan">{t('app.slogan')}</div>
          <div style={{ marginTop: 32 }}>
            {features.map((f) => (
              <div className="to-login-feature" key={f.text}>
                <span className="dot">{f.icon}</span>
                {f.text}
              </div>
            ))}
          </div>
        </div>
        <div style={{ fontSize: 12, opacity: 0.6 }}>{t('app.footer')}</div>
      </div>
      <div className="to-login-panel">
        <div className="to-login-lang">
          <LanguageSwitch signedIn={false} />
        </div>
        <Card
          className="to-login-card"
          variant="borderless"
          style={{ boxShadow: '0 8px 32px rgba(15,31,61,0.08)' }}
        >
          <Typography.Title level={3} style={{ marginTop: 4 }}>
            {t('auth.loginTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t(oidc ? 'auth.loginSubtitle' : 'auth.loginSubtitlePlain')}
          </Typography.Paragraph>
          {error && (
            <Alert
              type={paused ? 'warning' : 'error'}
              showIcon
              message={error}
              style={{ marginBottom: 16 }}
              data-testid={paused ? 'login-paused' : 'login-error'}
            />
          )}
          <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, message: t('auth.required') }]}
            >
              <Input prefix={<UserOutlined />} placeholder={t('auth.usernamePh')} autoComplete="username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.password')}
              extra={
                <Link to="/forgot-password" data-testid="forgot-password">
                  {t('auth.forgot')}
                </Link>
              }
              rules={[{ required: true, message: t('auth.required') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('auth.passwordPh')}
                autoComplete="current-password"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('auth.login')}
            </Button>
          </Form>
          {oidc && (
            <>
              <Divider plain>
                <Typography.Text type="secondary">{t('auth.or')}</Typography.Text>
              </Divider>
              <Button
                block
                size="large"
                icon={<SafetyOutlined />}
                href={authApi.oidcStartUrl}
                data-testid="ywtb-login"
              >
                {t('auth.ywtb')}
              </Button>
            </>
          )}
          <div style={{ marginTop: 16, textAlign: 'center' }}>
            <Link to="/" data-testid="login-home">
              {t('home.backHome')}
            </Link>
          </div>
        </Card>
      </div>
    </div>
  );
}
