/** The live checklist beside the form: every rule pass / fail / unknown with its reason, grouped. */
import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Card, Collapse, List, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Checklist, Verdict } from '../../api/types.js';
import type { ZhEn } from '../../../../shared/i18n.js';
import { VerdictIcon } from './bits.js';
import { useP, type PKey } from './i18n.js';

interface Row {
  id: string;
  label: string;
  passed: Verdict;
  applicable: boolean;
  severity: 'error' | 'warning';
  reason: string;
  /** The form field it is about (a checklist path), to jump to. */
  field?: string;
}

/** What stands between the draft and 正式提交: the failing items, each with the field it is about. */
export function blockersOf(checklist: Checklist): { id: string; label: ZhEn; field?: string }[] {
  return [
    ...checklist.fieldErrors.map((f) => ({ id: `field.${f.field}`, label: f.label, field: f.field })),
    ...checklist.content
      .filter((c) => c.passed !== true)
      .map((c) => ({ id: c.id, label: { zh: c.label, en: c.labelEn }, field: c.field })),
    ...checklist.screening.findings
      .filter((f) => f.applicable && f.severity === 'error' && f.passed !== true)
      .map((f) => ({
        id: f.ruleId,
        label: { zh: f.label, en: f.labelEn },
        field: Array.isArray(f.field) ? f.field[0] : f.field,
      })),
  ];
}

function groupsOf(
  checklist: Checklist,
  L: (p: ZhEn) => string,
  pick: (zh: string, en: string) => string,
  p: (k: PKey) => string,
) {
  void p;
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
          field: Array.isArray(f.field) ? f.field[0] : f.field,
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
      field: c.field,
    })),
  });
  if (checklist.fieldErrors.length)
    groups.push({
      key: 'check.group.fields',
      rows: checklist.fieldErrors.map((f) => ({
        id: `field.${f.field}`,
        label: L(f.label),
        field: f.field,
        passed: false,
        applicable: true,
        severity: 'error',
        reason: pick(f.message, f.messageEn),
      })),
    });
  return groups;
}

export function ChecklistPanel({
  checklist,
  loading,
  onRefresh,
  onGoTo,
}: {
  checklist?: Checklist;
  loading: boolean;
  onRefresh(): void;
  /** Opens the form step of a field and focuses it. */
  onGoTo?(field: string): void;
}) {
  const { p, L, pick, fmt } = useP();
  /** Open groups: a group that starts failing opens (also while typing); the user may close it again. */
  const [open, setOpen] = useState<string[]>([]);
  const failingBefore = useRef(new Set<string>());
  const failing = (r: Row) => r.applicable && r.passed === false && r.severity === 'error';
  const groups = checklist ? groupsOf(checklist, L, pick, p) : [];
  // a group opens when something in it fails or cannot be judged yet
  const failingKeys = groups
    .filter((g) => g.rows.some((r) => r.applicable && r.passed !== true))
    .map((g) => g.key);
  const failingKey = failingKeys.join('|');
  useEffect(() => {
    const now = failingKey ? failingKey.split('|') : [];
    const newly = now.filter((k) => !failingBefore.current.has(k));
    failingBefore.current = new Set(now);
    if (newly.length) setOpen((o) => [...new Set([...o, ...newly])]);
  }, [failingKey]);
  if (!checklist)
    return (
      <Card size="small" title={p('check.title')} loading>
        —
      </Card>
    );
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
        activeKey={open}
        onChange={(k) => setOpen(Array.isArray(k) ? k : [k])}
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
                            {onGoTo && r.field && failing(r) ? (
                              <Typography.Link onClick={() => onGoTo(r.field!)} data-testid={`goto-${r.id}`}>
                                {r.label}
                              </Typography.Link>
                            ) : (
                              r.label
                            )}
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
