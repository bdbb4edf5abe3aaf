import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { orgsApi } from '../../api/admin.js';
import { ORG_TYPES, type Org, type OrgType } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { ORG_TYPE_COLORS, orgTypeKey } from '../../components/roleLabels.js';
import { usePagedList } from '../../components/usePagedList.js';
import { useI18n } from '../../i18n/index.js';
import { OrgFormModal } from './OrgFormModal.js';

/** 机构管理: list, filter, create and edit organisations. */
export function OrgListPage() {
  const me = useMe();
  return can(me, 'org.read') ? <OrgList /> : <Forbidden />;
}

function OrgList() {
  const me = useMe();
  const { t, lang, fmt, pick } = useI18n();
  const { message } = App.useApp();
  const list = usePagedList<Org>(orgsApi.list);
  const [editing, setEditing] = useState<Org | 'new' | null>(null);
  const [filters] = Form.useForm();

  const columns: ColumnsType<Org> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      width: 240,
      render: (v: string, o) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          {o.address && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.address}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('org.type'),
      dataIndex: 'type',
      width: 130,
      render: (v: OrgType, o) => (
        <Tag color={ORG_TYPE_COLORS[v]} bordered={false}>
          {o.typeLabel ? pick((o.typeLabel as any).zh, (o.typeLabel as any).en) : t(orgTypeKey(v))}
        </Tag>
      ),
    },
    {
      title: t('org.uscc'),
      dataIndex: 'uscc',
      width: 190,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('org.region'), dataIndex: 'region', width: 120 },
    {
      title: t('org.contactName'),
      dataIndex: 'contactName',
      width: 120,
      render: (v: string | null, o) => (v ? `${v} ${o.contactPhone ?? ''}` : '—'),
    },
    {
      title: t('org.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => (
        <Badge
          status={v === 'disabled' ? 'default' : 'success'}
          text={t(v === 'disabled' ? 'user.status.disabled' : 'user.status.active')}
        />
      ),
    },
    {
      title: t('org.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => fmt(v, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_v, o) =>
        can(me, 'org.update') ? (
          <Button type="link" size="small" onClick={() => setEditing(o)}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="page-orgs">
      <PageHeader
        title={t('org.title')}
        subtitle={t('org.subtitle')}
        extra={
          can(me, 'org.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="org-create"
            >
              {t('org.create')}
            </Button>
          )
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form
          form={filters}
          name="orgFilter"
          layout="inline"
          onFinish={(v) => list.search(v)}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={`${t('org.name')} / ${t('org.uscc')}`} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="type" label={t('org.type')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 180 }}
              options={ORG_TYPES.map((ty) => ({ value: ty, label: t(orgTypeKey(ty)) }))}
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
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            onClick={list.reload}
            aria-label={t('common.refresh')}
          />
        }
        title={t('common.total', { n: list.data.total })}
      >
        {list.error !== undefined && (
          <Alert type="error" showIcon message={problemText(list.error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<Org>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data.items}
          loading={list.loading}
          scroll={{ x: 1120 }}
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
      <OrgFormModal
        open={editing !== null}
        org={editing && editing !== 'new' ? editing : undefined}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          list.reload();
        }}
      />
    </div>
  );
}
