/** The blind copy of the application an expert reviews: project, feasibility plan, budget, KPIs. */
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import type { ReviewTaskDetail } from '../../api/review.js';
import { showFen } from '../../../../shared/money.js';
import { useR } from './i18n.js';

export function TaskDocument({ doc }: { doc: ReviewTaskDetail['document'] }) {
  const { r, lang } = useR();
  return (
    <Card title={r('task.document')} data-testid="task-document">
      <Typography.Title level={5}>{r('task.project')}</Typography.Title>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={r('tasks.project')}>{doc.project.title}</Descriptions.Item>
        <Descriptions.Item label={r('task.summary')}>{doc.project.summary}</Descriptions.Item>
        <Descriptions.Item label={r('task.keywords')}>
          {doc.project.keywords.map((k) => (
            <Tag key={k}>{k}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={r('task.period')}>
          {doc.project.startDate ?? '—'} ~ {doc.project.endDate ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {r('task.plan')}
      </Typography.Title>
      {doc.feasibilityPlan.map((s) => (
        <div key={s.title} style={{ marginBottom: 8 }}>
          <Typography.Text strong>{s.title}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {s.text}
          </Typography.Paragraph>
        </div>
      ))}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {r('task.budget')}
      </Typography.Title>
      <Descriptions column={3} size="small" bordered>
        <Descriptions.Item label={r('task.requestedGrant')}>
          {showFen(doc.budget.requestedGrantFen, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={r('task.firstYear')}>
          {showFen(doc.budget.firstYearRequestFen, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={r('task.selfFunding')}>
          {showFen(doc.budget.selfFundingFen, lang)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {r('task.kpis')}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(k) => `${k.metric}${k.comparator}${k.value}`}
        dataSource={doc.kpis}
        columns={[
          { title: r('task.kpiMetric'), dataIndex: 'metric' },
          {
            title: r('task.kpiTarget'),
            render: (_, k) => `${k.comparator} ${k.value}${k.unit ? ` ${k.unit}` : ''}`,
          },
        ]}
      />
    </Card>
  );
}
