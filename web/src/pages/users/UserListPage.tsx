import { useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Dropdown,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import {
  CheckCircleFilled,
  MinusCircleOutlined,
  MoreOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { usersApi } from '../../api/admin.js';
import { ROLE_CODES, type User } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { ROLE_LABELS, roleLabel } from '../../components/roleLabels.js';
import { usePagedList } from '../../components/usePagedList.js';
import { useReauth } from '../../components/useReauth.js';
import { useI18n } from '../../i18n/index.js';
import type { MessageKey } from '../../i18n/zh-CN.js';
import { UserFormModal } from './UserFormModal.js';

const STATUS_BADGE: Record<string, 'success' | 'default' | 'error'> = {
  active: 'success',
  disabled: 'default',
  locked: 'error',
};

/** 用户管理: accounts, roles, password resets and unlocking. */
export function UserListPage() {
  const me = useMe();
  return can(me, 'user.read') ? <UserList /> : <Forbidden />;
}

function UserList() {
  const me = useMe();
  const { t, lang, fmt } = useI18n();
  const { message, modal } = App.useApp();
  const list = usePagedList<User>(usersApi.list);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [filters] = Form.useForm();
  const reauth = useReauth();

  const showPassword = (name: string, pw: string) =>
    modal.info({
      title: `${t('user.initialPassword')} · ${name}`,
      content: (
        <Space direction="vertical">
          <Typography.Text copyable code style={{ fontSize: 16 }} data-testid="initial-password">
            {pw}
          </Typography.Text>
          <Typography.Text type="secondary">{t('user.initialPasswordTip')}</Typography.Text>
        </Space>
      ),
    });

  const act = async (u: User, key: string) => {
    try {
      if (key === 'edit') setEditing(u);
      else if (key === 'unlock') {
        await reauth.run(() => usersApi.unlock(u.id));
        message.success(t('user.unlocked'));
        list.reload();
      } else if (key === 'resetTotp') {
        modal.confirm({
          title: t('user.resetTotp'),
          content: t('user.resetTotpConfirm', { name: u.name }),
          okText: t('common.confirm'),
          cancelText: t('common.cancel'),
          onOk: async () => {
            try {
              await reauth.run(() => usersApi.resetTotp(u.id));
              message.success(t('user.totpReset'));
              list.reload();
            } catch (e) {
              message.error(problemText(e, lang));
            }
          },
        });
      } else if (key === 'reset') {
        modal.confirm({
          title: t('user.resetPassword'),
          content: t('user.resetConfirm', { name: u.name }),
          okText: t('common.confirm'),
          cancelText: t('common.cancel'),
          onOk: async () => {
            try {
              const r = await reauth.run(() => usersApi.resetPassword(u.id));
              showPassword(u.name, r.initialPassword);
            } catch (e) {
              message.error(problemText(e, lang));
            }
          },
        });
      }
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };

  const columns: ColumnsType<User> = [
    {
      title: t('user.name'),
      dataIndex: 'name',
      width: 150,
      render: (v: string, u) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('user.org'), dataIndex: 'orgName', width: 220, ellipsis: true },
    {
      title: t('user.roles'),
      dataIndex: 'roles',
      width: 220,
      render: (roles: User['roles']) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r} color={ROLE_LABELS[r]?.color} bordered={false}>
              {roleLabel(r, lang)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('user.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v || '—' },
    {
      title: t('user.mfa'),
      dataIndex: 'mfaEnabled',
      width: 80,
      align: 'center',
      render: (v: boolean) =>
        v ? (
          <Tooltip title={t('dash.mfaOn')}>
            <CheckCircleFilled style={{ color: '#10b981' }} />
          </Tooltip>
        ) : (
          <Tooltip title={t('dash.mfaOff')}>
            <MinusCircleOutlined style={{ color: '#bbb' }} />
          </Tooltip>
        ),
    },
    {
      title: t('user.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: string, u) =>
        u.locked ? (
          <Badge status="error" text={t('user.status.locked')} />
        ) : (
          <Badge status={STATUS_BADGE[v] ?? 'default'} text={t(`user.status.${v}` as MessageKey)} />
        ),
    },
    { title: t('user.idNumber'), dataIndex: 'idNumber', width: 190, render: (v: string | null) => v || '—' },
    {
      title: t('org.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string | undefined) => fmt(v, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_v, u) => {
        const items = [
          can(me, 'user.resetPassword') && { key: 'reset', label: t('user.resetPassword') },
          can(me, 'user.unlock') && u.locked && { key: 'unlock', label: t('user.unlock') },
          can(me, 'user.resetTotp') && u.mfaEnabled && { key: 'resetTotp', label: t('user.resetTotp') },
        ].filter(Boolean) as Array<{ key: string; label: string }>;
        return (
          <Space size={0}>
            {can(me, 'user.update') && (
              <Button type="link" size="small" onClick={() => void act(u, 'edit')}>
                {t('common.edit')}
              </Button>
            )}
            {items.length > 0 && (
              <Dropdown menu={{ items, onClick: ({ key }) => void act(u, key) }}>
                <Button type="text" size="small" icon={<MoreOutlined />} />
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <div data-testid="page-users">
      <PageHeader
        title={t('user.title')}
        subtitle={t('user.subtitle')}
        extra={
          can(me, 'user.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="user-create"
            >
              {t('user.create')}
            </Button>
          )
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form
          form={filters}
          name="userFilter"
          layout="inline"
          onFinish={(v) => list.search(v)}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input
              allowClear
              placeholder={`${t('user.name')} / ${t('user.username')}`}
              style={{ width: 200 }}
            />
          </Form.Item>
          {can(me, 'org.read') && (
            <Form.Item name="orgId" label={t('user.org')}>
              <OrgSelect allowClear style={{ width: 220 }} />
            </Form.Item>
          )}
          <Form.Item name="role" label={t('user.roles')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 180 }}
              options={ROLE_CODES.map((r) => ({ value: r, label: roleLabel(r, lang) }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('user.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 120 }}
              options={['active', 'disabled'].map((s) => ({
                value: s,
                label: t(`user.status.${s}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                filters.resetFields();
                list.search({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card
        variant="borderless"
        title={t('common.total', { n: list.data.total })}
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            onClick={list.reload}
            aria-label={t('common.refresh')}
          />
        }
      >
        {list.error !== undefined && (
          <Alert type="error" showIcon message={problemText(list.error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data.items}
          loading={list.loading}
          scroll={{ x: 1350 }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: list.data.total,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: list.onPage,
          }}
        />
      </Card>
      <UserFormModal
        open={editing !== null}
        user={editing && editing !== 'new' ? editing : undefined}
        onClose={() => setEditing(null)}
        onSaved={(u, initialPassword) => {
          setEditing(null);
          message.success(t('common.saved'));
          if (initialPassword) showPassword(u.name, initialPassword);
          list.reload();
        }}
      />
      {reauth.modal}
    </div>
  );
}
