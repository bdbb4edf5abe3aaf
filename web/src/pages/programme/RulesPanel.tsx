/**
 * The rules of a direction (or the common rules) for staff: each rule as its Chinese sentence
 * (describeRule, the same pure function the server uses), its id, the fields it reads and its source;
 * editable as JSON with every validation error shown at its path.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Input, List, Space, Table, Tag, Typography } from 'antd';
import { CodeOutlined } from '@ant-design/icons';
import { z } from 'zod';
import { describeRule } from '../../../../shared/rules/rule.describe.js';
import { RuleSchema, ruleFields, type Rule } from '../../../../shared/rules/rule.schema.js';
import { useP } from './i18n.js';

export interface RuleProblem {
  path: string;
  message: string;
  messageEn: string;
}

/** Validates a rule list; every issue with its path (relative to the list) in zh and en. */
export function validateRules(value: unknown): RuleProblem[] {
  const r = z.array(RuleSchema).safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((i) => {
    const zh = (i as { params?: { zh?: string } }).params?.zh;
    const en = i.message;
    return {
      path: i.path.map(String).join('.') || '(root)',
      message:
        zh ??
        (i.code === 'invalid_type'
          ? `缺少字段或类型错误（${en}）`
          : i.code === 'unrecognized_keys'
            ? `不认识的字段：${(i as { keys?: string[] }).keys?.join('、')}`
            : i.code === 'invalid_union'
              ? `规则类型（kind）不正确（${en}）`
              : `校验未通过：${en}`),
      messageEn: en,
    };
  });
}

export function RulesPanel({
  value,
  onChange,
  disabled,
  serverProblems = [],
  testId,
}: {
  value?: Rule[];
  onChange?(v: Rule[]): void;
  disabled?: boolean;
  /** Problems the server reported under this list (paths relative to it). */
  serverProblems?: RuleProblem[];
  testId?: string;
}) {
  const { p, pick, lang } = useP();
  const rules = Array.isArray(value) ? value : [];
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<RuleProblem[]>([]);

  useEffect(() => {
    if (!editing) setText(JSON.stringify(rules, null, 2));
  }, [value, editing]);

  const apply = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setProblems([
        {
          path: '(json)',
          message: `${p('rules.invalidJson')}：${(e as Error).message}`,
          messageEn: (e as Error).message,
        },
      ]);
      return;
    }
    const found = validateRules(parsed);
    setProblems(found);
    if (found.length === 0) {
      onChange?.(parsed as Rule[]);
      setEditing(false);
    }
  };

  const shown = editing ? problems : serverProblems;
  const sentence = (r: Rule) => {
    try {
      return describeRule(r, lang === 'en' ? 'en' : 'zh');
    } catch {
      return pick(r.explain, r.explainEn);
    }
  };
  return (
    <div data-testid={testId}>
      <Table<Rule>
        size="small"
        rowKey={(r) => r.id}
        pagination={false}
        dataSource={rules}
        locale={{ emptyText: p('rules.none') }}
        columns={[
          {
            title: p('rules.sentence'),
            key: 'sentence',
            render: (_v, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>
                  {pick(r.label, r.labelEn)}
                  <Tag bordered={false} style={{ marginLeft: 6 }}>
                    {r.kind}
                  </Tag>
                  {r.severity === 'warning' && (
                    <Tag bordered={false} color="gold">
                      {p('rules.warning')}
                    </Tag>
                  )}
                </Typography.Text>
                <Typography.Text data-testid={`rule-sentence-${r.id}`}>{sentence(r)}</Typography.Text>
              </Space>
            ),
          },
          {
            title: p('rules.id'),
            dataIndex: 'id',
            width: 210,
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: p('rules.field'),
            key: 'fields',
            width: 260,
            render: (_v, r) => {
              let fields: string[];
              try {
                fields = ruleFields(r);
              } catch {
                fields = [];
              }
              return (
                <Space direction="vertical" size={0}>
                  {fields.map((f) => (
                    <Typography.Text key={f} code style={{ fontSize: 12 }}>
                      {f}
                    </Typography.Text>
                  ))}
                </Space>
              );
            },
          },
          {
            title: p('rules.source'),
            dataIndex: 'source',
            width: 180,
            render: (v?: string) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {v ?? '—'}
              </Typography.Text>
            ),
          },
        ]}
      />
      {shown.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          message={p('rules.invalid')}
          data-testid={testId ? `${testId}-errors` : undefined}
          description={
            <List
              size="small"
              dataSource={shown}
              renderItem={(e) => (
                <List.Item style={{ padding: '2px 0' }}>
                  <Typography.Text code>{e.path}</Typography.Text>
                  <span style={{ marginLeft: 8 }}>{pick(e.message, e.messageEn)}</span>
                </List.Item>
              )}
            />
          }
        />
      )}
      {!disabled && !editing && (
        <Button
          size="small"
          icon={<CodeOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => {
            setProblems([]);
            setEditing(true);
          }}
          data-testid={testId ? `${testId}-edit` : undefined}
        >
          {p('rules.editJson')}
        </Button>
      )}
      {editing && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="rules-source-hint">
            {p('rules.sourceHint')}
          </Typography.Text>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 8, maxRows: 24 }}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
            data-testid={testId ? `${testId}-json` : undefined}
          />
          <Space>
            <Button
              type="primary"
              size="small"
              onClick={apply}
              data-testid={testId ? `${testId}-apply` : undefined}
            >
              {p('rules.apply')}
            </Button>
            <Button
              size="small"
              onClick={() => {
                setEditing(false);
                setProblems([]);
              }}
            >
              {p('common.cancel')}
            </Button>
          </Space>
        </Space>
      )}
    </div>
  );
}
