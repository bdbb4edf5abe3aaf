/** Small shared pieces of the Programme I pages: status tags, countdown on the server clock, tables. */
import { useEffect, useState } from 'react';
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  MinusCircleOutlined,
  QuestionCircleFilled,
} from '@ant-design/icons';
import { serverTime } from '../../api/programme.js';
import type { CallStatus, DeadlineState, DescribedRule, Overall, Verdict } from '../../api/types.js';
import { useP } from './i18n.js';
import { showFen } from '../../../../shared/money.js';

export const CALL_STATUS_COLOR: Record<CallStatus, string> = {
  draft: 'default',
  published: 'green',
  closed: 'volcano',
};
export const APP_STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  returned: 'orange',
  orgReview: 'processing',
  districtReview: 'purple',
  approved: 'cyan',
  submitted: 'green',
  awarded: 'gold',
};
const DEADLINE_COLOR: Record<DeadlineState, string> = { notOpen: 'blue', open: 'green', closed: 'default' };
const RESULT_COLOR: Record<Overall, string> = { pass: 'success', fail: 'error', incomplete: 'warning' };

export function DeadlineTag({ state }: { state: DeadlineState | null }) {
  const { p } = useP();
  if (!state) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={DEADLINE_COLOR[state]} bordered={false} data-testid={`deadline-${state}`}>
      {p(`deadline.${state}`)}
    </Tag>
  );
}

/** 已导入: a historical call (or one of its applications) imported for the record, read-only. */
export function ImportedTag({ imported, testId }: { imported?: boolean; testId?: string }) {
  const { p } = useP();
  if (!imported) return null;
  return (
    <Tag color="gold" data-testid={testId ?? 'imported-tag'} title={p('imported.hint')}>
      {p('imported.tag')}
    </Tag>
  );
}

export function ResultTag({ result }: { result: Overall | null }) {
  const { p } = useP();
  if (!result) return <Tag bordered={false}>{p('screen.unscreened')}</Tag>;
  return (
    <Tag color={RESULT_COLOR[result]} data-testid={`result-${result}`}>
      {p(`result.${result}`)}
    </Tag>
  );
}

/** Icon for a finding's verdict. */
export function VerdictIcon({
  passed,
  applicable = true,
  severity = 'error',
}: {
  passed: Verdict;
  applicable?: boolean;
  severity?: string;
}) {
  if (!applicable) return <MinusCircleOutlined style={{ color: '#bfbfbf' }} />;
  if (passed === 'unknown') return <QuestionCircleFilled style={{ color: '#faad14' }} />;
  if (passed) return <CheckCircleFilled style={{ color: '#52c41a' }} />;
  if (severity === 'warning') return <ExclamationCircleFilled style={{ color: '#faad14' }} />;
  return <CloseCircleFilled style={{ color: '#ff4d4f' }} />;
}

/** Offset of the server clock from the browser's (ms): deadlines follow the server. */
export function useServerOffset(): number | undefined {
  const [offset, setOffset] = useState<number>();
  useEffect(() => {
    const t0 = Date.now();
    serverTime()
      .then((s) => setOffset(Date.parse(s) - (t0 + Date.now()) / 2))
      .catch(() => setOffset(0));
  }, []);
  return offset;
}

/** Days/hours/minutes/seconds to `opensAt` (before) or `closesAt` (during), on the server clock. */
export function Countdown({ opensAt, closesAt }: { opensAt: string; closesAt: string }) {
  const { p, fmt } = useP();
  const offset = useServerOffset();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, []);
  if (offset === undefined) return null;
  const server = now + offset;
  const opens = Date.parse(opensAt);
  const closes = Date.parse(closesAt);
  if (server >= closes)
    return (
      <Tag color="default" style={{ fontSize: 14, padding: '4px 12px' }} data-testid="countdown-closed">
        {p('public.closed')} · {fmt(closesAt, 'YYYY-MM-DD HH:mm')}
      </Tag>
    );
  const target = server < opens ? opens : closes;
  let s = Math.max(0, Math.floor((target - server) / 1000));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const cell = (v: number, unit: string) => (
    <span className="to-countdown-cell">
      <b style={{ fontSize: 22, fontVariantNumeric: 'tabular-nums' }}>{String(v).padStart(2, '0')}</b>
      <span style={{ marginLeft: 2, marginRight: 8, color: '#8c8c8c' }}>{unit}</span>
    </span>
  );
  return (
    <Space direction="vertical" size={0} data-testid="countdown">
      <Typography.Text type="secondary">
        {server < opens ? p('public.countdownOpen') : p('public.countdown')}
      </Typography.Text>
      <div>
        {cell(d, p('countdown.days'))}
        {cell(h, p('countdown.hours'))}
        {cell(m, p('countdown.minutes'))}
        {cell(s, p('countdown.seconds'))}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p('public.serverTime')}
      </Typography.Text>
    </Space>
  );
}

/** Rules as sentences (server describeRule output), with id and source. */
export function DescribedRules({ rules, testId }: { rules: DescribedRule[]; testId?: string }) {
  const { p, L, pick } = useP();
  return (
    <Table<DescribedRule>
      data-testid={testId}
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 640 }}
      dataSource={rules}
      locale={{ emptyText: p('rules.none') }}
      columns={[
        {
          title: p('rules.sentence'),
          dataIndex: 'description',
          render: (_v, r) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>
                {pick(r.label, r.labelEn)}
                {r.severity === 'warning' && (
                  <Tag color="gold" bordered={false} style={{ marginLeft: 8 }}>
                    {p('rules.warning')}
                  </Tag>
                )}
              </Typography.Text>
              <Typography.Text>{L(r.description)}</Typography.Text>
            </Space>
          ),
        },
        {
          title: p('rules.id'),
          dataIndex: 'id',
          width: 200,
          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
        },
        {
          title: p('rules.source'),
          dataIndex: 'source',
          width: 220,
          render: (v?: string) =>
            v ? (
              <Tooltip title={v}>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 200 }}>
                  {v}
                </Typography.Text>
              </Tooltip>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

const CMP: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };
export const cmpSymbol = (c: string) => CMP[c] ?? c;

/** A direction's KPI table (metric, comparator, value, unit, who it applies to). */
export function KpiTable({ kpis }: { kpis: Array<Record<string, any>> }) {
  const { p, pick, lang } = useP();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={kpis}
      columns={[
        {
          title: p('kpi.metric'),
          dataIndex: 'metric',
          render: (v: string, k) => (
            <Space direction="vertical" size={0}>
              <span>{pick(v, k.metricEn)}</span>
              {k.includes && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {k.includes}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: p('kpi.value'),
          dataIndex: 'value',
          width: 160,
          render: (v: number, k) => (
            <Typography.Text strong>
              {cmpSymbol(k.comparator)} {v} {k.unit}
              {k.valueFen !== undefined && lang === 'en' ? ` (${showFen(k.valueFen, 'en')})` : ''}
            </Typography.Text>
          ),
        },
        {
          title: p('kpi.appliesTo'),
          dataIndex: 'appliesTo',
          width: 160,
          render: (a?: { label: string; labelEn?: string }) =>
            a ? <Tag bordered={false}>{pick(a.label, a.labelEn)}</Tag> : p('common.all'),
        },
      ]}
    />
  );
}
