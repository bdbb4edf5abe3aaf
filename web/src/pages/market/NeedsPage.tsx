import { Button, Card, Empty, Input, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { marketApi } from '../../api/market.js';
import type { Need, PublicNeed } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { PageHeader } from '../../components/PageHeader.js';
import { usePagedList } from '../../components/usePagedList.js';
import { ChallengeList } from './ChallengeList.js';
import { StatusTag, useMarketBase } from './common.js';
import { useMt } from './i18n.js';
import { NEED_STATUS } from './labels.js';
import { wanRange } from '../../../../shared/money.js';

function useNeedColumns(): ColumnsType<PublicNeed> {
  const { m, fmt } = useMt();
  const base = useMarketBase();
  return [
    {
      title: m('need.name'),
      dataIndex: 'title',
      render: (v: string, n) => (
        <Link to={`${base}/needs/${n.id}`} data-testid="need-link">
          {v}
        </Link>
      ),
    },
    { title: m('need.org'), dataIndex: ['org', 'name'], width: 200 },
    {
      title: m('lib.field'),
      dataIndex: 'field',
      width: 110,
      render: (v: string) => <Tag color="geekblue">{v}</Tag>,
    },
    {
      title: m('need.budget'),
      key: 'budget',
      width: 150,
      render: (_v, n) => wanRange(n.budgetMinFen, n.budgetMaxFen, m('common.wan'), m('common.notSet')),
    },
    { title: m('need.deadline'), dataIndex: 'deadline', width: 110, render: (v: string | null) => v ?? '—' },
    { title: m('need.solutions'), dataIndex: 'solutionCount', width: 80, align: 'right' },
    {
      title: m('ach.publishedAt'),
      dataIndex: 'publishedAt',
      width: 110,
      render: (v: string | null) => fmt(v, 'YYYY-MM-DD'),
    },
  ];
}

/** 需求大厅: published needs, for everyone. */
export function PublicNeeds() {
  const { m } = useMt();
  const list = usePagedList<PublicNeed>(marketApi.publicNeeds);
  const columns = useNeedColumns();
  return (
    <div data-testid="page-needs-public">
      <Input.Search
        allowClear
        placeholder={m('lib.field')}
        style={{ width: 260, marginBottom: 12 }}
        onSearch={(v) => list.search({ field: v.trim() || undefined })}
      />
      <Table
        rowKey="id"
        loading={list.loading}
        columns={columns}
        dataSource={list.data.items}
        locale={{ emptyText: <Empty description={m('need.empty')} /> }}
        expandable={{
          rowExpandable: (n) => !!(n.summary || n.problem),
          expandedRowRender: (n) => (
            <Typography.Paragraph style={{ margin: 0 }}>{n.problem ?? n.summary}</Typography.Paragraph>
          ),
        }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: list.data.total,
          onChange: list.onPage,
        }}
      />
    </div>
  );
}

function MyNeeds({ flagged }: { flagged?: boolean }) {
  const { m, L } = useMt();
  const list = usePagedList<Need>((q) => marketApi.myNeeds({ ...q, flagged: flagged || undefined }));
  const columns = useNeedColumns() as ColumnsType<Need>;
  const withStatus: ColumnsType<Need> = [
    ...columns.slice(0, 1),
    {
      title: m('ach.status'),
      dataIndex: 'status',
      width: 100,
      render: (v: string, n) => <StatusTag status={v} label={n.statusLabel ?? NEED_STATUS[v]} />,
    },
    {
      title: m('need.quality'),
      key: 'quality',
      width: 110,
      render: (_v, n) => <Tag color={n.quality.needsRefinement ? 'orange' : 'green'}>{n.quality.score}</Tag>,
    },
    ...columns.slice(1),
  ];
  void L;
  return (
    <Table
      rowKey="id"
      loading={list.loading}
      columns={withStatus}
      dataSource={list.data.items}
      locale={{ emptyText: <Empty description={m('need.empty')} /> }}
      pagination={{
        current: list.page,
        pageSize: list.pageSize,
        total: list.data.total,
        onChange: list.onPage,
      }}
      data-testid={flagged ? 'needs-flagged' : 'needs-mine'}
    />
  );
}

/** 企业需求: my needs (enterprise), needs to refine (technology manager), open needs, challenges. */
export function NeedsPage() {
  const me = useMe();
  const { m } = useMt();
  const nav = useNavigate();
  const [params, setParams] = useSearchParams();
  const owner = can(me, 'need.write');
  const refiner = can(me, 'need.refine');
  const tab = params.get('tab') ?? (owner ? 'mine' : refiner ? 'refine' : 'public');
  const items = [
    ...(owner ? [{ key: 'mine', label: m('need.mine'), children: <MyNeeds /> }] : []),
    ...(refiner ? [{ key: 'refine', label: m('need.toRefine'), children: <MyNeeds flagged /> }] : []),
    { key: 'public', label: m('need.public'), children: <PublicNeeds /> },
    { key: 'challenges', label: m('ch.title'), children: <ChallengeList /> },
  ];
  return (
    <div data-testid="page-needs">
      <PageHeader
        title={m('need.title')}
        subtitle={m('need.subtitle')}
        extra={
          owner && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => nav('/market/needs/new')}
              data-testid="need-new"
            >
              {m('need.new')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={items} destroyOnHidden />
      </Card>
    </div>
  );
}
