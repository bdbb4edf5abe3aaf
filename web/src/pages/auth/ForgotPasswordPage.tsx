import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { authApi } from '../../api/auth.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { applyProblem } from '../../components/problem.js';
import { useI18n } from '../../i18n/index.js';

/** 忘记密码: asks for a reset link by user name or e-mail (the server answers alike for any account). */
export function ForgotPasswordPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ account: string }>();
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: { account: string }) => {
    setError(undefined);
    setBusy(true);
    try {
      const r = await authApi.requestPasswordReset(v.account.trim());
      setSent(lang === 'en' ? r.messageEn : r.message);
    } catch (e) {
      setError(applyProblem(form, e, lang, ['account']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ResetFrame title={t('auth.forgotTitle')}>
      <Typography.Paragraph type="secondary">{t('auth.forgotIntro')}</Typography.Paragraph>
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="reset-error" />
      )}
      {sent ? (
        <Alert type="success" showIcon message={sent} data-testid="reset-sent" />
      ) : (
        <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark>
          <Form.Item
            name="account"
            label={t('auth.forgotAccount')}
            rules={[{ required: true, message: t('auth.required') }]}
          >
            <Input
              prefix={<MailOutlined />}
              placeholder={t('auth.forgotAccountPh')}
              autoComplete="username"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="reset-request-submit">
            {t('auth.forgotSubmit')}
          </Button>
        </Form>
      )}
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/login">{t('auth.backToLogin')}</Link>
      </div>
    </ResetFrame>
  );
}

/** The card the two reset pages share, centred, with the language switch. */
export function ResetFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="to-login-panel" style={{ minHeight: '100vh' }}>
      <div className="to-login-lang">
        <LanguageSwitch signedIn={false} />
      </div>
      <Card
        className="to-login-card"
        variant="borderless"
        style={{ boxShadow: '0 8px 32px rgba(15,31,61,0.08)' }}
      >
        <Typography.Title level={3} style={{ marginTop: 4 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </div>
  );
}
