import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { authApi } from '../../api/auth.js';
import { applyProblem } from '../../components/problem.js';
import { useI18n } from '../../i18n/index.js';
import { ResetFrame } from './ForgotPasswordPage.js';

interface ResetForm {
  newPassword: string;
  confirm: string;
}

/** The page a mailed reset link opens (/reset-password#token=…): sets a new password. */
export function ResetPasswordPage() {
  const { t, lang } = useI18n();
  const loc = useLocation();
  const token = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token') ?? '';
  const [form] = Form.useForm<ResetForm>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (v: ResetForm) => {
    setError(undefined);
    setBusy(true);
    try {
      await authApi.confirmPasswordReset(token, v.newPassword);
      setDone(true);
    } catch (e) {
      setError(applyProblem(form, e, lang, ['newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ResetFrame title={t('auth.resetTitle')}>
      {!token && <Alert type="error" showIcon message={t('auth.resetNoToken')} data-testid="reset-error" />}
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="reset-error" />
      )}
      {done ? (
        <Alert type="success" showIcon message={t('auth.resetDone')} data-testid="reset-done" />
      ) : (
        token && (
          <>
            <Typography.Paragraph type="secondary">{t('auth.resetIntro')}</Typography.Paragraph>
            <Form form={form} layout="vertical" size="large" onFinish={submit} requiredMark>
              <Form.Item
                name="newPassword"
                label={t('auth.resetNew')}
                rules={[{ required: true, message: t('auth.required') }]}
              >
                <Input.Password
                  prefix={<LockOutlined />}
                  autoComplete="new-password"
                  data-testid="reset-new"
                />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t('auth.resetConfirm')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('auth.required') },
                  ({ getFieldValue }) => ({
                    validator: (_, v) =>
                      !v || v === getFieldValue('newPassword')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('auth.resetMismatch'))),
                  }),
                ]}
              >
                <Input.Password
                  prefix={<LockOutlined />}
                  autoComplete="new-password"
                  data-testid="reset-confirm"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="reset-submit">
                {t('auth.resetSubmit')}
              </Button>
            </Form>
          </>
        )
      )}
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/login">{t('auth.backToLogin')}</Link>
        {' · '}
        <Link to="/forgot-password">{t('auth.resetAgain')}</Link>
      </div>
    </ResetFrame>
  );
}
