/** 申报指南: staff see every call (drafts included) and import/author; applicants see the open calls. */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { EyeOutlined, FileAddOutlined, ImportOutlined, ReloadOutlined } from '@ant-design/icons';
import { callsApi } from '../../api/programme.js';
import type { CallSummary } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { usePagedList } from '../../components/usePagedList.js';
import { CALL_STATUS_COLOR, DeadlineTag, ImportedTag } from './bits.js';
import { useP } from './i18n.js';
import { StartApplicationModal } from './StartApplicationModal.js';

export function CallListPage() {
  const me = useMe();
  return can(me, 'call.read') ? <StaffCallList /> : <OpenCallList />;
}

function useCallColumns(): ColumnsType<CallSummary> {
  const { p, L, fmt } = useP();
  return [
    {
      title: p('calls.number'),
      dataIndex: 'number',
      width: 190,
      render: (v: string | null) => (v ? <Typography.Text strong>{v}</Typography.Text> : '—'),
    },
    { title: p('calls.titleCol'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
    { title: p('calls.year'), dataIndex: 'year', width: 80 },
    {
      title: p('calls.status'),
      dataIndex: 'status',
      width: 100,
      render: (v: CallSummary['status'], c) => (
        <Tag color={CALL_STATUS_COLOR[v]} data-testid={`call-status-${c.id}`}>
          {L(c.statusLabel)}
        </Tag>
      ),
    },
    {
      title: '',
      key: 'imported',
      width: 80,
      render: (_v, c) => <ImportedTag imported={c.imported} testId={`call-imported-${c.id}`} />,
    },
    {
      title: p('calls.window'),
      key: 'window',
      width: 300,
      render: (_v, c) =>
        c.opensAt ? (
          <Space size={4}>
            <span>
              {fmt(c.opensAt, 'YYYY-MM-DD HH:mm')} — {fmt(c.closesAt, 'YYYY-MM-DD HH:mm')}
            </span>
            <DeadlineTag state={c.deadline} />
          </Space>
        ) : (
          '—'
        ),
    },
  ];
}

function StaffCallList() {
  const me = useMe();
  const { p, lang, fmt } = useP();
  const { message } = App.useApp();
  const nav = useNavigate();
  const list = usePagedList<CallSummary>(callsApi.list);
  const [filters] = Form.useForm();
  const fileRef = useRef<HTMLInputElement>(null);
  const [importError, setImportError] = useState<string>();
  const manage = can(me, 'call.manage');

  const onImport = async (file: File) => {
    setImportError(undefined);
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      setImportError(p('calls.importBad'));
      return;
    }
    try {
      const c = await callsApi.importJson(doc);
      message.success(p('calls.importDone'));
      nav(`/programme/calls/${c.id}`);
    } catch (e) {
      setImportError(problemText(e, lang));
    }
  };

  const columns: ColumnsType<CallSummary> = [
    ...useCallColumns(),
    {
      title: p('calls.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => fmt(v, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: '',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_v, c) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => nav(`/programme/calls/${c.id}`)}
            data-testid={`call-open-${c.id}`}
          >
            {c.status === 'draft' && manage ? p('calls.edit') : p('calls.view')}
          </Button>
          {c.status !== 'draft' && (
            <Link to={`/public/calls/${c.id}`} target="_blank">
              <Button type="link" size="small" icon={<EyeOutlined />}>
                {p('calls.publicPage')}
              </Button>
            </Link>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="page-calls">
      <PageHeader
        title={p('calls.title')}
        subtitle={p('calls.subtitle')}
        extra={
          manage && (
            <>
              <input
                ref={fileRef}
                type="file"
                accept="application/json,.json"
                hidden
                data-testid="call-import-file"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void onImport(f);
                }}
              />
              <Button
                icon={<ImportOutlined />}
                onClick={() => fileRef.current?.click()}
                data-testid="call-import"
              >
                {p('calls.import')}
              </Button>
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                onClick={() => nav('/programme/calls/new')}
                data-testid="call-new"
              >
                {p('calls.new')}
              </Button>
            </>
          )
        }
      />
      {importError && (
        <Alert
          type="error"
          showIcon
          closable
          message={importError}
          style={{ marginBottom: 16 }}
          data-testid="call-import-error"
        />
      )}
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form form={filters} layout="inline" onValuesChange={(_c, v) => list.search(v)}>
          <Form.Item name="status" label={p('calls.status')}>
            <Select
              allowClear
              placeholder={p('common.all')}
              style={{ width: 160 }}
              options={(['draft', 'published', 'closed'] as const).map((s) => ({
                value: s,
                label: p(`status.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="year" label={p('calls.year')}>
            <Select
              allowClear
              placeholder={p('common.all')}
              style={{ width: 120 }}
              options={Array.from({ length: 6 }, (_x, i) => 2021 + i).map((y) => ({ value: y, label: y }))}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card
        variant="borderless"
        extra={<Button type="text" icon={<ReloadOutlined />} onClick={list.reload} />}
      >
        {list.error !== undefined && (
          <Alert type="error" showIcon message={problemText(list.error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<CallSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data.items}
          loading={list.loading}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={p('calls.empty')} /> }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: list.data.total,
            onChange: list.onPage,
          }}
        />
      </Card>
    </div>
  );
}

function OpenCallList() {
  const me = useMe();
  const { p, lang } = useP();
  const list = usePagedList<CallSummary>(() => callsApi.open());
  const [starting, setStarting] = useState<CallSummary | null>(null);
  const [params, setParams] = useSearchParams();
  const mayStart = can(me, 'application.create');
  // ?apply=<call id>: the public page's "登录后申报" lands here and opens that call's start dialog
  const applyId = params.get('apply');
  const target = applyId ? list.data.items.find((c) => c.id === applyId) : undefined;
  useEffect(() => {
    if (target && mayStart && target.deadline === 'open') setStarting(target);
  }, [target, mayStart]);
  const closeStart = () => {
    setStarting(null);
    if (applyId) setParams({}, { replace: true });
  };
  const columns: ColumnsType<CallSummary> = [
    ...useCallColumns(),
    {
      title: '',
      key: 'actions',
      width: 200,
      render: (_v, c) => (
        <Space size={0}>
          <Link to={`/public/calls/${c.id}`} target="_blank">
            <Button type="link" size="small" icon={<EyeOutlined />}>
              {p('calls.view')}
            </Button>
          </Link>
          {can(me, 'application.create') && c.deadline === 'open' && (
            <Button
              type="primary"
              size="small"
              onClick={() => setStarting(c)}
              data-testid={`call-apply-${c.id}`}
            >
              {p('calls.apply')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <div data-testid="page-open-calls">
      <PageHeader title={p('calls.openTitle')} subtitle={p('calls.openSubtitle')} />
      {!mayStart && <WhoMayApply target={target} />}
      {mayStart && target && target.deadline === 'notOpen' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="apply-not-open"
          message={p('apply.notOpenYet', { title: target.title ?? target.number ?? '' })}
        />
      )}
      <Card variant="borderless">
        {list.error !== undefined && (
          <Alert type="error" showIcon message={problemText(list.error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<CallSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={p('calls.openEmpty')} /> }}
        />
      </Card>
      <StartApplicationModal call={starting} onClose={closeStart} />
    </div>
  );
}

/**
 * Said to a project lead, an enterprise user or anyone else without application.create: who starts an
 * application (the organisation's admin, who names the project lead) and how to get there.
 */
function WhoMayApply({ target }: { target?: CallSummary }) {
  const me = useMe();
  const { p } = useP();
  const lead = me.roles.includes('projectLead');
  return (
    <Alert
      type={target ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="who-may-apply"
      message={
        target ? p('apply.whoTitleCall', { title: target.title ?? target.number ?? '' }) : p('apply.whoTitle')
      }
      description={
        <>
          <div>{p('apply.whoAdmin')}</div>
          <div>{lead ? p('apply.whoLead') : p('apply.whoOther')}</div>
          <div>{p('apply.whoNoAdmin')}</div>
          {lead && (
            <Link to="/programme/applications" data-testid="who-may-apply-mine">
              <Button type="link" style={{ paddingLeft: 0 }}>
                {p('apply.myApplications')}
              </Button>
            </Link>
          )}
        </>
      }
    />
  );
}
