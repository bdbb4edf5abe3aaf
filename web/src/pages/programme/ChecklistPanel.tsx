/** The live checklist beside the form: every rule pass / fail / unknown with its reason, grouped. */
import { Alert, Badge, Button, Card, Collapse, List, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Checklist, Verdict } from '../../api/types.js';
import { VerdictIcon } from './bits.js';
import { useP, type PKey } from './i18n.js';

interface Row {
  id: string;
  label: string;
  passed: Verdict;
  applicable: boolean;
  severity: 'error' | 'warning';
  reason: string;
}

export function ChecklistPanel({
  checklist,
  loading,
  onRefresh,
}: {
  checklist?: Checklist;
  loading: boolean;
  onRefresh(): void;
}) {
  const { p, L, pick, fmt } = useP();
  if (!checklist)
    return (
      <Card size="small" title={p('check.title')} loading>
        —
      </Card>
    );
  const groups: Array<{ key: PKey; rows: Row[] }> = (['eligibility', 'funding', 'attachments'] as const).map(
    (g) => ({
      key: `check.group.${g}` as PKey,
      rows: checklist.screening.findings
        .filter((f) => f.group === g)
        .map((f) => ({
          id: f.ruleId,
          label: pick(f.label, f.labelEn),
          passed: f.passed,
          applicable: f.applicable,
          severity: f.severity,
          reason: L(f.reason),
        })),
    }),
  );
  groups.push({
    key: 'check.group.content',
    rows: checklist.content.map((c) => ({
      id: c.id,
      label: pick(c.label, c.labelEn),
      passed: c.passed,
      applicable: true,
      severity: 'error',
      reason: L(c.reason),
    })),
  });
  if (checklist.fieldErrors.length)
    groups.push({
      key: 'check.group.fields',
      rows: checklist.fieldErrors.map((f) => ({
        id: `field.${f.field}`,
        label: f.field,
        passed: false,
        applicable: true,
        severity: 'error',
        reason: pick(f.message, f.messageEn),
      })),
    });
  const failing = (r: Row) => r.applicable && r.passed === false && r.severity === 'error';
  const overallType =
    checklist.overall === 'pass' ? 'success' : checklist.overall === 'fail' ? 'error' : 'warning';

  return (
    <Card
      size="small"
      title={p('check.title')}
      data-testid="checklist"
      data-overall={checklist.overall}
      data-version={checklist.version}
      extra={
        <Button
          size="small"
          type="text"
          icon={<ReloadOutlined spin={loading} />}
          onClick={onRefresh}
          aria-label={p('check.refresh')}
        />
      }
    >
      {checklist.deadline !== 'open' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={checklist.deadline === 'closed' ? p('deadline.passed') : p('deadline.notOpen')}
          data-testid="checklist-deadline"
        />
      )}
      <Alert
        type={overallType}
        showIcon
        message={p(`check.overall.${checklist.overall}`)}
        description={
          <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
            <span>
              {p('check.pass')} {checklist.screening.counts.passed} · {p('check.fail')}{' '}
              {checklist.screening.counts.failed} · {p('check.unknown')} {checklist.screening.counts.unknown}
            </span>
            <span>{p('check.closes', { t: fmt(checklist.closesAt, 'YYYY-MM-DD HH:mm') })}</span>
          </Space>
        }
        style={{ marginBottom: 8 }}
        data-testid="checklist-overall"
      />
      <Collapse
        size="small"
        ghost
        defaultActiveKey={groups
          .filter((g) => g.rows.some((r) => r.passed !== true && r.applicable))
          .map((g) => g.key)}
        items={groups
          .filter((g) => g.rows.length)
          .map((g) => {
            const bad = g.rows.filter(failing).length;
            const open = g.rows.filter((r) => r.applicable && r.passed === 'unknown').length;
            return {
              key: g.key,
              label: (
                <Space>
                  <span>{p(g.key)}</span>
                  {bad > 0 && <Badge count={bad} color="#ff4d4f" />}
                  {open > 0 && <Badge count={open} color="#faad14" />}
                  {bad === 0 && open === 0 && <Tag color="success">{p('check.pass')}</Tag>}
                </Space>
              ),
              children: (
                <List
                  size="small"
                  dataSource={g.rows}
                  renderItem={(r) => (
                    <List.Item
                      style={{ padding: '6px 0', opacity: r.applicable ? 1 : 0.55 }}
                      data-testid={`check-${r.id}`}
                      data-passed={String(r.applicable ? r.passed : 'na')}
                    >
                      <Space align="start">
                        <VerdictIcon passed={r.passed} applicable={r.applicable} severity={r.severity} />
                        <Space direction="vertical" size={0}>
                          <Typography.Text strong style={{ fontSize: 13 }}>
                            {r.label}
                            {!r.applicable && (
                              <Tag bordered={false} style={{ marginLeft: 6 }}>
                                {p('check.na')}
                              </Tag>
                            )}
                            {r.severity === 'warning' && r.applicable && (
                              <Tag bordered={false} color="gold" style={{ marginLeft: 6 }}>
                                {p('check.warning')}
                              </Tag>
                            )}
                          </Typography.Text>
                          <Typography.Text
                            type={failing(r) ? 'danger' : 'secondary'}
                            style={{ fontSize: 12 }}
                          >
                            {r.reason}
                          </Typography.Text>
                        </Space>
                      </Space>
                    </List.Item>
                  )}
                />
              ),
            };
          })}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p('check.updated', { t: fmt(checklist.serverTime, 'HH:mm:ss') })}
      </Typography.Text>
    </Card>
  );
}
