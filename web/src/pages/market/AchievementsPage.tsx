import { Button, Card, Select, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { marketApi } from '../../api/market.js';
import type { Achievement } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { PageHeader } from '../../components/PageHeader.js';
import { usePagedList } from '../../components/usePagedList.js';
import { AchievementLibrary } from './AchievementLibrary.js';
import { StatusTag } from './common.js';
import { useMt } from './i18n.js';

const STATUSES = ['draft', 'submitted', 'returned', 'published', 'internal'] as const;
const STATUS_LABELS: Record<string, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交待审核', en: 'Submitted' },
  returned: { zh: '已退回修改', en: 'Returned' },
  published: { zh: '已公开', en: 'Published' },
  internal: { zh: '内部留存', en: 'Kept internal' },
};

function MyAchievements({ review }: { review?: boolean }) {
  const { m, L, fmt } = useMt();
  const list = usePagedList<Achievement>((q) =>
    marketApi.myAchievements({
      ...q,
      mine: 'org',
      status: review ? 'submitted' : (q.status as Achievement['status'] | undefined),
    }),
  );
  const columns: ColumnsType<Achievement> = [
    {
      title: m('ach.titleField'),
      dataIndex: 'title',
      render: (v: string, a) => <Link to={`/market/achievements/${a.id}`}>{v}</Link>,
    },
    { title: m('lib.field'), dataIndex: 'field', width: 120 },
    { title: m('lib.trl'), dataIndex: 'trl', width: 70, render: (v: number) => <Tag>TRL {v}</Tag> },
    {
      title: m('ach.status'),
      dataIndex: 'status',
      width: 130,
      render: (v: string, a) => <StatusTag status={v} label={a.statusLabel} />,
    },
    {
      title: m('ach.publishedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (v: string) => fmt(v, 'YYYY-MM-DD HH:mm'),
    },
  ];
  return (
    <>
      {!review && (
        <Space style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={m('ach.status')}
            style={{ width: 160 }}
            onChange={(v) => list.search({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: L(STATUS_LABELS[s]) }))}
          />
        </Space>
      )}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data.items}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: list.data.total,
          onChange: list.onPage,
        }}
        data-testid={review ? 'achievements-review' : 'achievements-mine'}
      />
    </>
  );
}

/** 科技成果: the library for everyone; my institution's records, disclosure and review for researchers and offices. */
export function AchievementsPage() {
  const me = useMe();
  const { m } = useMt();
  const nav = useNavigate();
  const [params, setParams] = useSearchParams();
  const writer = can(me, 'achievement.write');
  const reviewer = can(me, 'achievement.review');
  const tab = params.get('tab') ?? (writer || reviewer ? 'mine' : 'library');
  const items = [
    ...(writer || reviewer ? [{ key: 'mine', label: m('ach.mine'), children: <MyAchievements /> }] : []),
    ...(reviewer ? [{ key: 'review', label: m('ach.review'), children: <MyAchievements review /> }] : []),
    { key: 'library', label: m('lib.title'), children: <AchievementLibrary /> },
  ];
  return (
    <div data-testid="page-achievements">
      <PageHeader
        title={m('lib.title')}
        subtitle={m('lib.subtitle')}
        extra={
          <>
            {can(me, 'achievement.import') && (
              <Button icon={<ImportOutlined />} onClick={() => nav('/market/achievements/import')}>
                {m('ach.import')}
              </Button>
            )}
            {writer && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => nav('/market/achievements/new')}
                data-testid="achievement-new"
              >
                {m('ach.new')}
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={items} destroyOnHidden />
      </Card>
    </div>
  );
}
