/** 项目申报: the applications the user may see (own organisation, own district, or all submitted for staff). */
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Empty, Form, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { applicationsApi } from '../../api/programme.js';
import type { ApplicationStatus, ApplicationSummary } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { usePagedList } from '../../components/usePagedList.js';
import { APP_STATUS_COLOR, ImportedTag } from './bits.js';
import { useP } from './i18n.js';

const STATUSES: ApplicationStatus[] = [
  'draft',
  'returned',
  'orgReview',
  'districtReview',
  'approved',
  'submitted',
  'awarded',
];
const STATUS_ZH: Record<ApplicationStatus, [string, string]> = {
  draft: ['填报中', 'Draft'],
  returned: ['已退回修改', 'Returned'],
  orgReview: ['申报单位审核中', 'Organisation review'],
  districtReview: ['推荐部门审核中', 'District recommendation'],
  approved: ['待提交', 'Ready to submit'],
  submitted: ['已提交', 'Submitted'],
  awarded: ['已立项', 'Awarded'],
};

export function ApplicationListPage() {
  const me = useMe();
  return can(me, 'application.read') ? <ApplicationList /> : <Forbidden />;
}

function ApplicationList() {
  const me = useMe();
  const { p, L, fmt, lang, pick } = useP();
  const nav = useNavigate();
  const list = usePagedList<ApplicationSummary>(applicationsApi.list);
  const columns: ColumnsType<ApplicationSummary> = [
    {
      title: p('apps.project'),
      dataIndex: 'projectTitle',
      render: (v: string | null, a) => (
        <Typography.Link
          onClick={() => nav(`/programme/applications/${a.id}`)}
          data-testid={`app-open-${a.id}`}
        >
          {v || <Typography.Text type="secondary">（{pick('未命名', 'untitled')}）</Typography.Text>}
        </Typography.Link>
      ),
    },
    { title: p('apps.org'), dataIndex: 'orgName', width: 200 },
    {
      title: p('apps.direction'),
      dataIndex: 'directionCode',
      width: 240,
      render: (v: string, a) => `${a.callNumber ?? ''} · ${v} ${a.directionTitle ?? ''}`,
    },
    {
      title: p('apps.status'),
      dataIndex: 'status',
      width: 140,
      render: (v: ApplicationStatus, a) => (
        <>
          <Tag color={APP_STATUS_COLOR[v]} data-testid={`app-status-${a.id}`}>
            {L(a.statusLabel)}
          </Tag>
          <ImportedTag imported={a.imported} testId={`app-imported-${a.id}`} />
        </>
      ),
    },
    {
      title: p('apps.receipt'),
      dataIndex: 'receiptNumber',
      width: 150,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: p('apps.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => fmt(v, 'YYYY-MM-DD HH:mm'),
    },
  ];
  return (
    <div data-testid="page-applications">
      <PageHeader
        title={p('apps.title')}
        subtitle={p('apps.subtitle')}
        extra={
          can(me, 'application.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/programme/calls')}>
              {p('apps.start')}
            </Button>
          )
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="inline" onValuesChange={(_c, v) => list.search(v)}>
          <Form.Item name="status" label={p('apps.status')}>
            <Select
              allowClear
              placeholder={p('common.all')}
              style={{ width: 200 }}
              options={STATUSES.map((s) => ({ value: s, label: pick(...STATUS_ZH[s]) }))}
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
        <Table<ApplicationSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data.items}
          loading={list.loading}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={p('apps.empty')} /> }}
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
