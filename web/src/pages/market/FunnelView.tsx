import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { FunnelChart } from 'echarts/charts';
import { Alert, Col, Descriptions, Row, Statistic, Table, Typography } from 'antd';
import type { Funnel } from '../../api/types.js';
import { EChart } from '../../components/EChart.js';
import { useMt } from './i18n.js';
import { fenToWan } from '../../../../shared/money.js';

echarts.use([FunnelChart]);

const STAGES = ['published', 'answered', 'shortlisted', 'introduced', 'signed'] as const;
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The funnel chart, the match rate with its definition and benchmark next to it, and the stage table. */
export function FunnelView({ funnel, compact }: { funnel: Funnel; compact?: boolean }) {
  const { m, pick } = useMt();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '8%',
          width: '84%',
          top: 10,
          bottom: 10,
          minSize: '12%',
          gap: 3,
          label: { show: true, position: 'inside', formatter: '{b}  {c}', color: '#fff', fontSize: 13 },
          data: STAGES.map((s) => ({ name: m(`funnel.${s}`), value: funnel.needs[s] })),
        },
      ],
    }),
    [funnel, m],
  );
  const mr = funnel.matchRate;
  return (
    <Row gutter={24} data-testid="funnel-view">
      <Col xs={24} lg={compact ? 24 : 14}>
        <EChart option={option} height={compact ? 240 : 340} testId="funnel-chart" />
        <Table
          size="small"
          rowKey="stage"
          pagination={false}
          style={{ marginTop: 8 }}
          dataSource={STAGES.map((s) => ({
            stage: s,
            needs: funnel.needs[s],
            solutions: s === 'published' ? null : funnel.solutions[s],
            conv: s === 'published' ? null : funnel.conversions[s],
          }))}
          columns={[
            { title: '', dataIndex: 'stage', render: (s: (typeof STAGES)[number]) => m(`funnel.${s}`) },
            {
              title: m('need.title'),
              dataIndex: 'needs',
              align: 'right',
              render: (v: number, r) => <span data-testid={`funnel-${r.stage}`}>{v}</span>,
            },
            {
              title: m('funnel.solutions'),
              dataIndex: 'solutions',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: m('funnel.conversion'),
              dataIndex: 'conv',
              align: 'right',
              render: (v: number | null) => pct(v),
            },
          ]}
        />
      </Col>
      <Col xs={24} lg={compact ? 24 : 10}>
        <div style={{ padding: compact ? '12px 0' : '8px 0' }}>
          <Typography.Text type="secondary">{m('funnel.matchRate')}</Typography.Text>
          <div className="to-funnel-rate" data-testid="match-rate">
            {pct(mr.value)}
          </div>
          <Typography.Text type="secondary">
            {mr.numerator} / {mr.denominator}
          </Typography.Text>
          <Descriptions
            column={1}
            size="small"
            style={{ marginTop: 12 }}
            bordered
            styles={{ label: { width: 72, whiteSpace: 'nowrap' } }}
          >
            <Descriptions.Item label={m('funnel.definition')}>
              <span data-testid="match-rate-definition">{pick(mr.definition.zh, mr.definition.en)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={m('funnel.benchmark')}>
              {pct(mr.benchmark.value)} · {pick(mr.benchmark.zh, mr.benchmark.en)}
            </Descriptions.Item>
          </Descriptions>
          <Row gutter={12} style={{ marginTop: 16 }}>
            <Col span={12}>
              <Statistic title={m('funnel.signed')} value={funnel.needs.signed} />
            </Col>
            <Col span={12}>
              <Statistic
                title={m('funnel.signedAmount')}
                value={fenToWan(funnel.needs.signedAmountFen) || '0'}
                suffix={m('common.wan')}
              />
            </Col>
          </Row>
          {!compact && funnel.rejectReasons.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {m('funnel.rejectReasons')}
              </Typography.Title>
              <Table
                size="small"
                pagination={false}
                rowKey={(r) => r.reason ?? 'none'}
                dataSource={funnel.rejectReasons}
                columns={[
                  {
                    title: m('sol.reason'),
                    dataIndex: 'label',
                    render: (l: { zh: string; en: string } | null, r) =>
                      l ? pick(l.zh, l.en) : (r.reason ?? '—'),
                  },
                  { title: '', dataIndex: 'count', align: 'right' },
                ]}
              />
            </>
          )}
          {funnel.needs.published === 0 && (
            <Alert type="info" showIcon message={m('funnel.noData')} style={{ marginTop: 12 }} />
          )}
        </div>
      </Col>
    </Row>
  );
}
