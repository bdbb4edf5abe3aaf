import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import { usersApi } from '../../api/admin.js';
import { ROLE_CODES, type User, type UserBody, type UserPatch } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { applyProblem } from '../../components/problem.js';
import { roleLabel } from '../../components/roleLabels.js';
import { useReauth } from '../../components/useReauth.js';
import { useI18n } from '../../i18n/index.js';

const FIELDS = ['username', 'name', 'email', 'phone', 'idNumber', 'orgId', 'roles', 'status'];

/** Create a user (the server answers with a one-time initial password) or edit one. */
export function UserFormModal({
  open,
  user,
  onClose,
  onSaved,
}: {
  open: boolean;
  user?: User;
  onClose(): void;
  onSaved(u: User, initialPassword?: string): void;
}) {
  const me = useMe();
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Only system admins may hand out government roles; org admins manage their own organisation.
  const roleOptions = ROLE_CODES.filter(
    (r) =>
      me.roles.includes('systemAdmin') ||
      ['orgAdmin', 'projectLead', 'enterpriseUser', 'techManager', 'expert'].includes(r),
  );

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    if (user)
      form.setFieldsValue({
        name: user.name,
        email: user.email,
        roles: user.roles,
        status: user.status === 'disabled' ? 'disabled' : 'active',
      });
    else if (!me.roles.includes('systemAdmin')) form.setFieldsValue({ orgId: me.orgId });
  }, [open, user, form, me]);

  // creating and editing users are sensitive permissions: a stale session is asked for the password
  const reauth = useReauth();
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    const body: Record<string, unknown> = Object.fromEntries(
      Object.entries(v).filter(([, x]) => x !== '' && x !== undefined),
    );
    try {
      if (user) onSaved(await reauth.run(() => usersApi.update(user.id, body as UserPatch)));
      else {
        const r = await reauth.run(() => usersApi.create(body as UserBody));
        onSaved(r.user, r.initialPassword);
      }
    } catch (e) {
      setError(applyProblem(form, e, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={user ? `${t('user.edit')} · ${user.username}` : t('user.create')}
      onCancel={onClose}
      onOk={() => void save().catch(() => undefined)}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={720}
      destroyOnHidden
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 16 }}
          data-testid="user-form-error"
        />
      )}
      <Form form={form} name="user" layout="vertical">
        <Row gutter={16}>
          {!user && (
            <Col span={12}>
              <Form.Item
                name="username"
                label={t('user.username')}
                rules={[{ required: true, message: t('auth.required') }]}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('user.name')}
              rules={[{ required: true, message: t('auth.required') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="email"
              label={t('user.email')}
              rules={[
                { required: !user, message: t('auth.required') },
                { type: 'email', message: t('user.email') },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('user.phone')}>
              <Input placeholder={user?.phone ?? undefined} />
            </Form.Item>
          </Col>
          {!user && (
            <Col span={12}>
              <Form.Item name="idNumber" label={t('user.idNumber')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          )}
          {!user && can(me, 'org.read') && (
            <Col span={12}>
              <Form.Item
                name="orgId"
                label={t('user.org')}
                rules={[{ required: true, message: t('auth.required') }]}
              >
                <OrgSelect placeholder={t('user.org')} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item
              name="roles"
              label={t('user.roles')}
              rules={[{ required: true, message: t('auth.required') }]}
            >
              <Select
                mode="multiple"
                options={roleOptions.map((r) => ({ value: r, label: roleLabel(r, lang) }))}
              />
            </Form.Item>
          </Col>
          {user && (
            <Col span={12}>
              <Form.Item name="status" label={t('user.status')}>
                <Select
                  options={[
                    { value: 'active', label: t('user.status.active') },
                    { value: 'disabled', label: t('user.status.disabled') },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
      {reauth.modal}
    </Modal>
  );
}
