/** 我的评审任务: an expert's review tasks with call, round, deadline (Beijing time), status and total. */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Table, Tag } from 'antd';
import { tasksApi, type ReviewTask } from '../../api/review.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { PageHeader } from '../../components/PageHeader.js';
import { problemText } from '../../components/problem.js';
import { useR } from './i18n.js';
import { roundLabel, TASK_STATUS_COLOR } from './bits.js';

export function TaskListPage() {
  const me = useMe();
  const { r, L, fmt, lang } = useR();
  const [rows, setRows] = useState<ReviewTask[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    tasksApi.list().then(setRows, (e) => {
      setError(e);
      setRows([]);
    });
  }, []);
  if (!can(me, 'review.score')) return <Forbidden />;
  return (
    <div data-testid="review-tasks">
      <PageHeader title={r('tasks.title')} subtitle={r('tasks.subtitle')} />
      {error !== undefined && <Alert type="error" showIcon message={problemText(error, lang)} />}
      <Card>
        <Table<ReviewTask>
          rowKey="assignmentId"
          loading={rows === undefined}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: r('tasks.empty') }}
          columns={[
            {
              title: r('tasks.project'),
              dataIndex: 'projectTitle',
              render: (v: string, t) => (
                <Link to={`/review/tasks/${t.assignmentId}`} data-testid="task-link">
                  {v}
                </Link>
              ),
            },
            { title: r('tasks.call'), dataIndex: 'callTitle' },
            { title: r('tasks.round'), render: (_, t) => roundLabel(r, t.kind, t.roundNo) },
            { title: r('tasks.direction'), dataIndex: 'directionCode', width: 90 },
            {
              title: r('tasks.deadline'),
              dataIndex: 'deadlineAt',
              width: 170,
              render: (v: string) => fmt(v, 'YYYY-MM-DD HH:mm'),
            },
            {
              title: r('tasks.status'),
              width: 110,
              render: (_, t) => (
                <Tag color={TASK_STATUS_COLOR[t.status] ?? 'default'} data-testid={`task-status-${t.status}`}>
                  {L(t.statusLabel)}
                </Tag>
              ),
            },
            {
              title: r('tasks.total'),
              dataIndex: 'total',
              width: 90,
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
            },
          ]}
        />
      </Card>
    </div>
  );
}
