import { useMemo } from 'react';
import { Card, Empty } from 'antd';
import { EChart } from '../../components/EChart.js';
import { orgTypeKey, roleLabel } from '../../components/roleLabels.js';
import { useI18n } from '../../i18n/index.js';
import type { DashboardData } from './useDashboardData.js';

type P = { data: DashboardData; loading: boolean };

const empty = (t: ReturnType<typeof useI18n>['t']) => (
  <div style={{ height: 280, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
    <Empty description={t('common.none')} />
  </div>
);

export function AuditByDayChart({ data, loading }: P) {
  const { t } = useI18n();
  const rows = data.auditByDay ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((r) => r.day), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        {
          name: t('dash.events'),
          type: 'line',
          smooth: true,
          symbolSize: 6,
          areaStyle: { opacity: 0.12 },
          data: rows.map((r) => r.count),
        },
      ],
    }),
    [rows, t],
  );
  return (
    <Card title={t('dash.auditByDay')} variant="borderless" loading={loading}>
      <EChart option={option} testId="chart-audit-by-day" />
    </Card>
  );
}

export function AuditResultChart({ data, loading }: P) {
  const { t } = useI18n();
  const rows = (data.auditByResult ?? []).filter((r) => r.count > 0);
  const option = useMemo(
    () => ({
      color: ['#10b981', '#f59e0b', '#ef4444'],
      tooltip: { trigger: 'item' },
      legend: {
        bottom: 0,
        formatter: (name: string) =>
          `${name} ${rows.find((r) => t(`result.${r.result}`) === name)?.count ?? ''}`,
      },
      series: [
        {
          name: t('audit.result'),
          type: 'pie',
          radius: ['48%', '72%'],
          center: ['50%', '45%'],
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { show: false },
          data: rows.map((r) => ({ name: t(`result.${r.result}`), value: r.count })),
        },
      ],
    }),
    [rows, t],
  );
  return (
    <Card title={t('dash.auditResults')} variant="borderless" loading={loading}>
      {rows.length ? <EChart option={option} testId="chart-audit-results" /> : empty(t)}
    </Card>
  );
}

export function OrgTypeChart({ data, loading }: P) {
  const { t } = useI18n();
  const rows = (data.orgsByType ?? []).filter((r) => r.count > 0);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: {
        orient: 'vertical',
        right: 8,
        top: 'middle',
        formatter: (name: string) =>
          `${name}  ${rows.find((r) => t(orgTypeKey(r.type)) === name)?.count ?? ''}`,
      },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          center: ['38%', '50%'],
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { show: false },
          data: rows.map((r) => ({ name: t(orgTypeKey(r.type)), value: r.count })),
        },
      ],
    }),
    [rows, t],
  );
  return (
    <Card title={t('dash.orgsByType')} variant="borderless" loading={loading}>
      {rows.length ? <EChart option={option} testId="chart-orgs-by-type" /> : empty(t)}
    </Card>
  );
}

export function UserRoleChart({ data, loading }: P) {
  const { t, lang } = useI18n();
  const rows = data.usersByRole ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => roleLabel(r.role, lang)),
        axisTick: { show: false },
      },
      series: [
        {
          name: t('dash.count'),
          type: 'bar',
          barMaxWidth: 14,
          itemStyle: { borderRadius: [0, 4, 4, 0] },
          label: { show: true, position: 'right' },
          data: rows.map((r) => r.count),
        },
      ],
    }),
    [rows, t, lang],
  );
  return (
    <Card title={t('dash.usersByRole')} variant="borderless" loading={loading}>
      {rows.length ? <EChart option={option} height={300} testId="chart-users-by-role" /> : empty(t)}
    </Card>
  );
}
