import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { authApi } from '../api/auth.js';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/index.js';
import { applyProblem } from './problem.js';

/**
 * Runs an action; when the server answers `reauth_required`, asks for the password,
 * confirms it with POST /api/auth/reauth and runs the action again.
 */
export function useReauth(): { run: <T>(fn: () => Promise<T>) => Promise<T>; modal: ReactNode } {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const pending = useRef<{
    retry: () => Promise<unknown>;
    resolve: (v: any) => void;
    reject: (e: unknown) => void;
  } | null>(null);

  const run = useCallback(
    <T,>(fn: () => Promise<T>): Promise<T> => {
      return fn().catch((e) => {
        if (!(e instanceof ApiError) || e.code !== 'reauth_required') throw e;
        return new Promise<T>((resolve, reject) => {
          pending.current = { retry: fn, resolve, reject };
          setError(undefined);
          form.resetFields();
          setOpen(true);
        });
      });
    },
    [form],
  );

  const confirm = async () => {
    const { password } = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await authApi.reauth(password);
      setOpen(false);
      const p = pending.current;
      pending.current = null;
      if (p) p.retry().then(p.resolve, p.reject);
    } catch (e) {
      setError(applyProblem(form, e, lang, ['password']));
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    setOpen(false);
    pending.current?.reject(new ApiError(401, 'reauth_required', '已取消', 'Cancelled'));
    pending.current = null;
  };

  const modal = (
    <Modal
      open={open}
      title={t('reauth.title')}
      onOk={() => void confirm().catch(() => undefined)}
      onCancel={cancel}
      confirmLoading={busy}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('reauth.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.required') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
  return { run, modal };
}
