import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Space, Tag } from 'antd';
import { authApi } from '../../api/auth.js';
import { useAuth, useMe } from '../../auth/AuthContext.js';
import { PageHeader } from '../../components/PageHeader.js';
import { applyProblem } from '../../components/problem.js';
import { ROLE_LABELS, orgTypeKey, roleLabel } from '../../components/roleLabels.js';
import { LANGS, useI18n, type Lang } from '../../i18n/index.js';

interface PwForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function AccountPage() {
  const me = useMe();
  const { refresh } = useAuth();
  const { t, lang, setLang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PwForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const change = async (v: PwForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await authApi.changePassword(v.currentPassword, v.newPassword);
      form.resetFields();
      message.success(t('account.passwordChanged'));
      void refresh();
    } catch (e) {
      setError(applyProblem(form, e, lang, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('account.profile')} variant="borderless">
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('user.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('user.name')}>{me.name}</Descriptions.Item>
              <Descriptions.Item label={t('user.email')}>{me.email || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('user.phone')}>{me.phone || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('user.org')}>
                {me.orgName}（{t(orgTypeKey(me.orgType))}）
              </Descriptions.Item>
              <Descriptions.Item label={t('user.roles')}>
                <Space size={[4, 4]} wrap>
                  {me.roles.map((r) => (
                    <Tag key={r} color={ROLE_LABELS[r]?.color}>
                      {roleLabel(r, lang)}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('user.mfa')}>
                {me.mfaEnabled ? t('dash.mfaOn') : t('dash.mfaOff')}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.language')}>
                <Radio.Group
                  value={lang}
                  optionType="button"
                  options={LANGS.map((l) => ({ value: l.code, label: l.label }))}
                  onChange={(e) => {
                    const l = e.target.value as Lang;
                    setLang(l);
                    authApi.setLocale(l).catch(() => undefined);
                  }}
                />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('account.password')} variant="borderless">
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
            <Form form={form} layout="vertical" onFinish={change} style={{ maxWidth: 420 }}>
              <Form.Item
                name="currentPassword"
                label={t('account.currentPassword')}
                rules={[{ required: true, message: t('auth.required') }]}
              >
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('account.newPassword')}
                rules={[{ required: true, message: t('auth.required') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t('account.confirmPassword')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('auth.required') },
                  ({ getFieldValue }) => ({
                    validator: (_r, v) =>
                      !v || v === getFieldValue('newPassword')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('account.mismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
