/** 形式审查 tables: the columns of the applications list and the findings shown when a row is expanded. */
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { ScreeningItem } from '../../../api/types.js';
import { ImportedTag, ResultTag, VerdictIcon } from '../bits.js';
import type { useP } from '../i18n.js';
import { showFen } from '../../../../../shared/money.js';
import type { Decision, Finding } from './DecisionModal.js';

type Strings = Pick<ReturnType<typeof useP>, 'p' | 'lang' | 'fmt' | 'L' | 'pick'>;

/** One row per submitted application: receipt, organisation, project, lead, amount, results. */
export function screeningColumns({ p, lang, fmt, L }: Omit<Strings, 'pick'>): ColumnsType<ScreeningItem> {
  return [
    {
      title: p('apps.receipt'),
      dataIndex: 'receiptNumber',
      width: 150,
      render: (v: string | null, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{v ?? '—'}</Typography.Text>
          <ImportedTag imported={r.imported} testId={`screen-imported-${r.applicationId}`} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmt(r.submittedAt, 'MM-DD HH:mm:ss')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: p('apps.org'),
      dataIndex: 'orgName',
      width: 220,
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          <span>{v}</span>
          <Tag bordered={false}>{L(r.orgTypeLabel)}</Tag>
        </Space>
      ),
    },
    {
      title: p('apps.project'),
      dataIndex: 'projectTitle',
      // the widest text of the row: without a width it shrinks to one character a line
      width: 260,
      render: (v: string | null, r) => (
        <Space direction="vertical" size={0}>
          <span>{v ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p('editor.direction')} {r.directionCode} {r.directionTitle}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: p('screen.lead'),
      dataIndex: 'leadName',
      width: 150,
      render: (v: string | null, r) => (v ? `${v} ${r.leadPhone ?? ''}` : '—'),
    },
    {
      title: p('screen.requested'),
      dataIndex: 'requestedGrantFen',
      width: 120,
      render: (v: number | null) => showFen(v, lang),
    },
    {
      title: p('screen.kpis'),
      key: 'kpis',
      width: 120,
      render: (_v, r) => (
        <Tag
          color={r.kpiCheck.overall === 'pass' ? 'green' : r.kpiCheck.overall === 'fail' ? 'red' : 'default'}
          data-testid={`screen-kpi-${r.applicationId}`}
        >
          {r.kpiCheck.overall === 'pass'
            ? p('screen.kpiPass', { n: r.kpiCheck.passed })
            : r.kpiCheck.failed
              ? p('screen.kpiFail', { n: r.kpiCheck.failed })
              : p('screen.kpiUnknown', { n: r.kpiCheck.unknown })}
        </Tag>
      ),
    },
    {
      title: p('screen.outcome'),
      key: 'outcome',
      width: 130,
      render: (_v, r) =>
        r.outcome ? (
          <Space direction="vertical" size={0}>
            <Tag color={r.outcome.awarded ? 'green' : 'default'}>
              {p(r.outcome.awarded ? 'screen.awarded' : 'screen.notAwarded')}
            </Tag>
            {r.outcome.grantedFen !== null && <span>{showFen(r.outcome.grantedFen, lang)}</span>}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: p('screen.automatic'),
      dataIndex: 'automatic',
      width: 100,
      render: (v: ScreeningItem['automatic']) => <ResultTag result={v} />,
    },
    {
      title: p('screen.flags'),
      dataIndex: 'flags',
      width: 170,
      // disagreements between what was typed and a registry: not a verdict, something to check
      render: (flags: ScreeningItem['flags']) =>
        flags?.length ? (
          <Space direction="vertical" size={2}>
            {flags.map((f) => (
              <Tooltip key={f.code} title={L(f)}>
                <Tag color="orange" data-testid={`flag-${f.code}`}>
                  {p(`screen.flag.${f.code}`)}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: p('screen.result'),
      dataIndex: 'result',
      width: 140,
      render: (v: ScreeningItem['result'], r) => (
        <Space size={4}>
          <ResultTag result={v} />
          {r.overridden && <Tag color="purple">{p('screen.overridden')}</Tag>}
        </Space>
      ),
    },
  ];
}

/** The expanded row: the application's applicable findings, confirm/override when the user may decide. */
export function findingsRowRender(
  { p, fmt, L, pick }: Omit<Strings, 'lang'>,
  canDecide: boolean,
  setDeciding: (d: Decision) => void,
) {
  return (item: ScreeningItem) => (
    <Table<Finding>
      size="small"
      rowKey="ruleId"
      pagination={false}
      dataSource={item.findings.filter((f) => f.applicable)}
      data-testid={`findings-${item.applicationId}`}
      columns={[
        {
          title: p('rules.sentence'),
          key: 'label',
          render: (_v, f) => (
            <Space align="start">
              <VerdictIcon passed={f.passed} severity={f.severity} />
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{pick(f.label, f.labelEn)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {L(f.reason)}
                </Typography.Text>
              </Space>
            </Space>
          ),
        },
        {
          title: p('rules.id'),
          dataIndex: 'ruleId',
          width: 200,
          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
        },
        {
          title: p('screen.decision'),
          key: 'decision',
          width: 280,
          render: (_v, f) => (
            <Space direction="vertical" size={2}>
              {f.decision && (
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 12 }}
                  data-testid={`decision-${f.ruleId}`}
                >
                  {p('screen.decided', {
                    who: f.decision.actorName ?? p('screen.someone'),
                    at: fmt(f.decision.at, 'MM-DD HH:mm'),
                    a: f.decision.action === 'override' ? p('screen.override') : p('screen.confirm'),
                  })}
                  ：{f.decision.reason}
                </Typography.Text>
              )}
              {canDecide && (
                <Space size={0}>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setDeciding({ item, finding: f, action: 'confirm' })}
                  >
                    {p('screen.confirm')}
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setDeciding({ item, finding: f, action: 'override' })}
                    data-testid={`override-${item.applicationId}-${f.ruleId}`}
                  >
                    {p('screen.override')}
                  </Button>
                </Space>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
