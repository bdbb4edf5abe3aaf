import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { marketApi } from '../../api/market.js';
import type { ChallengeBrief } from '../../api/types.js';
import { useAuth } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { applyProblem } from '../../components/problem.js';
import { usePagedList } from '../../components/usePagedList.js';
import { StatusTag, useMarketBase } from './common.js';
import { useMt } from './i18n.js';
import { validValues } from '../../components/validValues.js';

const listAll = () => marketApi.challenges().then((r) => ({ total: r.items.length, items: r.items }));

/** 揭榜挂帅 / 创新挑战赛: the list, and a new challenge for staff. */
export function ChallengeList() {
  const { me } = useAuth();
  const { m, fmt, lang } = useMt();
  const base = useMarketBase();
  const nav = useNavigate();
  const { message } = App.useApp();
  const list = usePagedList<ChallengeBrief>(listAll, 100);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState('');
  const [form] = Form.useForm<{
    title: string;
    description?: string;
    kind: 'challenge' | 'jiebang';
    period: [Dayjs, Dayjs];
    rounds: number;
  }>();
  const manager = !!me && can(me, 'challenge.manage');

  const columns: ColumnsType<ChallengeBrief> = [
    {
      title: m('ch.name'),
      dataIndex: 'title',
      render: (v: string, c) => <Link to={`${base}/challenges/${c.id}`}>{v}</Link>,
    },
    {
      title: m('ch.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (v: string) => (
        <Tag color={v === 'jiebang' ? 'red' : 'blue'}>
          {m(v === 'jiebang' ? 'ch.kind.jiebang' : 'ch.kind.challenge')}
        </Tag>
      ),
    },
    { title: m('ch.organiser'), dataIndex: ['organiser', 'name'], width: 200 },
    {
      title: m('ch.period'),
      key: 'period',
      width: 220,
      render: (_v, c) => `${fmt(c.opensAt, 'YYYY-MM-DD')} ~ ${fmt(c.closesAt, 'YYYY-MM-DD')}`,
    },
    {
      title: m('ch.rounds'),
      key: 'round',
      width: 120,
      render: (_v, c) => m('ch.round', { n: c.currentRound, total: c.rounds }),
    },
    {
      title: m('ach.status'),
      dataIndex: 'status',
      width: 120,
      render: (v: string, c) => <StatusTag status={v} label={c.statusLabel} />,
    },
  ];

  const create = async () => {
    const v = await validValues(form);
    if (!v) return;
    setError('');
    try {
      const c = await marketApi.createChallenge({
        title: v.title,
        description: v.description ?? '',
        kind: v.kind,
        // the picked calendar days; the server takes them as Asia/Shanghai days (shared/time.ts)
        opensAt: v.period[0].format('YYYY-MM-DD'),
        closesAt: v.period[1].format('YYYY-MM-DD'),
        rounds: v.rounds,
        needIds: [],
      });
      message.success(m('ach.saved'));
      setCreating(false);
      nav(`/market/challenges/${c.id}`);
    } catch (e) {
      setError(applyProblem(form, e, lang, ['title', 'description', 'kind', 'rounds']));
    }
  };

  return (
    <div data-testid="challenge-list">
      {manager && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 12 }}
          onClick={() => setCreating(true)}
        >
          {m('ch.new')}
        </Button>
      )}
      <Table
        rowKey="id"
        loading={list.loading}
        columns={columns}
        dataSource={list.data.items}
        pagination={false}
        locale={{ emptyText: <Empty description={m('ch.empty')} /> }}
      />
      <Modal
        open={creating}
        title={m('ch.new')}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        width={640}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ kind: 'challenge', rounds: 1 }}>
          <Form.Item name="title" label={m('ch.name')} rules={[{ required: true, min: 4, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={m('ch.kind')}>
            <Radio.Group
              options={[
                { value: 'challenge', label: m('ch.kind.challenge') },
                { value: 'jiebang', label: m('ch.kind.jiebang') },
              ]}
            />
          </Form.Item>
          <Form.Item name="period" label={m('ch.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="rounds" label={m('ch.rounds')}>
            <InputNumber min={1} max={5} />
          </Form.Item>
          <Form.Item name="description" label={m('ch.description')}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
