import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Image, Input, Skeleton, Space, Steps, Typography } from 'antd';
import { MobileOutlined, QrcodeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { authApi } from '../../api/auth.js';
import type { TotpEnrolment } from '../../api/types.js';
import { mfaSatisfied, useAuth } from '../../auth/AuthContext.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { LogoMark } from '../../components/Logo.js';
import { applyProblem, problemText } from '../../components/problem.js';
import { useI18n } from '../../i18n/index.js';

/** Second factor: enrol an authenticator (first time) or enter the current code. */
export function MfaPage() {
  const { me, setMe, logout } = useAuth();
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const loc = useLocation();
  const from = (loc.state as { from?: string } | null)?.from ?? '/dashboard';
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<TotpEnrolment>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const enrolling = !!me && !me.mfaEnabled;

  useEffect(() => {
    if (!enrolling || enrolment) return;
    authApi
      .enrol()
      .then(setEnrolment)
      .catch((e) => setError(problemText(e, lang)));
  }, [enrolling, enrolment, lang]);

  if (me === undefined) return null;
  if (me === null) return <Navigate to="/login" replace />;
  if (mfaSatisfied(me)) return <Navigate to={from} replace />;

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = enrolling ? await authApi.activate(code) : await authApi.verify(code);
      setMe(r.me);
      nav(from, { replace: true });
    } catch (e) {
      setError(applyProblem(form, e, lang, ['code']));
      form.resetFields();
    } finally {
      setBusy(false);
    }
  };

  const codeForm = (
    <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
      <Form.Item
        name="code"
        label={t('mfa.code')}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('mfa.codeInvalid') }]}
      >
        <Input
          maxLength={6}
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder={t('mfa.codePh')}
          data-testid="totp-code"
          style={{ letterSpacing: 6, fontSize: 20, textAlign: 'center' }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="totp-submit">
        {enrolling ? t('mfa.activate') : t('mfa.verify')}
      </Button>
    </Form>
  );

  return (
    <div
      className="to-login"
      style={{ justifyContent: 'center', alignItems: 'center', flexDirection: 'column' }}
    >
      <div className="to-login-lang" style={{ position: 'absolute', top: 20, right: 24 }}>
        <LanguageSwitch signedIn />
      </div>
      <Space style={{ marginBottom: 20 }} size={12}>
        <LogoMark size={36} />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('app.name')} · {t('app.fullName')}
        </Typography.Title>
      </Space>
      <Card
        style={{
          width: enrolling ? 640 : 420,
          maxWidth: '94vw',
          boxShadow: '0 8px 32px rgba(15,31,61,0.08)',
        }}
      >
        <Typography.Title level={4}>
          <SafetyCertificateOutlined style={{ color: '#1d4ed8' }} />{' '}
          {enrolling ? t('mfa.enrolTitle') : t('mfa.verifyTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {enrolling ? t('mfa.enrolIntro') : t('mfa.verifyIntro')}
        </Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="mfa-error" />
        )}
        {enrolling ? (
          <>
            <Steps
              size="small"
              direction="horizontal"
              current={1}
              style={{ margin: '8px 0 20px' }}
              items={[
                { title: t('mfa.step1'), description: t('mfa.step1Desc'), icon: <MobileOutlined /> },
                { title: t('mfa.step2'), description: t('mfa.step2Desc'), icon: <QrcodeOutlined /> },
                {
                  title: t('mfa.step3'),
                  description: t('mfa.step3Desc'),
                  icon: <SafetyCertificateOutlined />,
                },
              ]}
            />
            <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', flexWrap: 'wrap' }}>
              <div style={{ border: '1px solid #eef0f5', borderRadius: 8, padding: 8 }}>
                {enrolment ? (
                  <Image
                    src={enrolment.qrDataUrl}
                    width={184}
                    height={184}
                    preview={false}
                    alt="TOTP QR"
                    data-testid="totp-qr"
                  />
                ) : (
                  <Skeleton.Image active style={{ width: 184, height: 184 }} />
                )}
              </div>
              <div style={{ flex: 1, minWidth: 240 }}>
                <Typography.Text type="secondary">{t('mfa.secret')}</Typography.Text>
                <Typography.Paragraph
                  copyable={enrolment ? { text: enrolment.secret } : false}
                  code
                  style={{ fontSize: 15, marginTop: 4, wordBreak: 'break-all' }}
                  data-testid="totp-secret"
                >
                  {enrolment?.secret ?? '…'}
                </Typography.Paragraph>
                {codeForm}
              </div>
            </div>
          </>
        ) : (
          codeForm
        )}
        <Button
          type="link"
          style={{ paddingInline: 0, marginTop: 12 }}
          onClick={() => void logout().then(() => nav('/login'))}
        >
          {t('mfa.useOther')}
        </Button>
      </Card>
    </div>
  );
}
