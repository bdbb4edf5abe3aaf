/**
 * The lines of a draft funding plan as a form: each project with its request, the grant and the first
 * year in 万元, the reason for a reduction; ranked in list order (up/down), added from the call's
 * applications that passed screening. The server checks every limit and names each wrong field.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { plansApi, type FundingPlan } from '../../api/notice.js';
import { fenToWanNumber, showFen, wanToFen } from '../../../../shared/money.js';
import { showFieldErrors } from './bits.js';
import { useN } from './i18n.js';

export interface PlanCandidate {
  applicationId: string;
  projectTitle: string | null;
  orgName: string;
  directionTitle: string;
  requestedGrantFen: number | null;
}

interface LineForm {
  applicationId: string;
  grantWan: number | null;
  firstYearWan: number | null;
  reason?: string;
}

/** The server names money in fen; the form holds 万元 (a direction's or the budget's breach goes above). */
const rename = (f: string) =>
  f
    .replace(/^lines\.(\d+)\.grantFen$/, 'lines.$1.grantWan')
    .replace(/^lines\.(\d+)\.firstYearFen$/, 'lines.$1.firstYearWan');

export function PlanLines(props: {
  plan: FundingPlan;
  candidates: PlanCandidate[];
  onSaved(p: FundingPlan): void;
}) {
  const { n, lang } = useN();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ lines: LineForm[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const lines = (Form.useWatch('lines', form) ?? []) as LineForm[];
  const known = new Map<string, PlanCandidate>([
    ...props.plan.lines.map(
      (l) =>
        [
          l.applicationId,
          {
            applicationId: l.applicationId,
            projectTitle: l.projectTitle,
            orgName: l.orgName ?? '',
            directionTitle: l.directionTitle,
            requestedGrantFen: l.requestedFen,
          },
        ] as const,
    ),
    ...props.candidates.map((c) => [c.applicationId, c] as const),
  ]);

  const save = async () => {
    const v = form.getFieldsValue(true) as { lines: LineForm[] };
    setBusy(true);
    setError(undefined);
    try {
      const saved = await plansApi.revise(props.plan.id, {
        version: props.plan.version,
        lines: (v.lines ?? []).map((l) => ({
          applicationId: l.applicationId,
          grantFen: wanToFen(l.grantWan ?? 0) ?? 0,
          firstYearFen: wanToFen(l.firstYearWan ?? 0) ?? 0,
          ...(l.reason?.trim() ? { reason: l.reason.trim() } : {}),
        })),
      });
      message.success(n('plan.saved'));
      props.onSaved(saved);
    } catch (e) {
      setError(showFieldErrors(form, e, lang, ['lines'], rename));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      initialValues={{
        lines: props.plan.lines.map((l) => ({
          applicationId: l.applicationId,
          grantWan: fenToWanNumber(l.grantFen),
          firstYearWan: fenToWanNumber(l.firstYearFen),
          reason: l.reason ?? undefined,
        })),
      }}
      data-testid="plan-lines-form"
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="plan-error" />
      )}
      <Form.List name="lines">
        {(fields, { remove, move, add }) => (
          <>
            <Space style={{ marginBottom: 4, color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
              <span style={{ display: 'inline-block', width: 28 }}>{n('plan.col.rank')}</span>
              <span style={{ display: 'inline-block', width: 320 }}>{n('plan.col.project')}</span>
              <span style={{ display: 'inline-block', width: 120 }}>{n('plan.col.grant')}</span>
              <span style={{ display: 'inline-block', width: 120 }}>{n('plan.col.firstYear')}</span>
              <span style={{ display: 'inline-block', width: 180 }}>{n('plan.col.reason')}</span>
            </Space>
            {fields.map((f, i) => {
              const c = known.get(lines[i]?.applicationId ?? '');
              return (
                <Space key={f.key} align="start" data-testid={`plan-line-${i}`}>
                  <Typography.Text strong style={{ display: 'inline-block', width: 28, paddingTop: 5 }}>
                    {i + 1}
                  </Typography.Text>
                  <Form.Item name={[f.name, 'applicationId']} style={{ width: 320 }}>
                    <div style={{ lineHeight: 1.4 }}>
                      <div>{c?.projectTitle ?? lines[i]?.applicationId}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {c ? `${c.orgName} · ${c.directionTitle} · ` : ''}
                        {n('create.requested', { amount: showFen(c?.requestedGrantFen ?? null, lang) })}
                      </Typography.Text>
                    </div>
                  </Form.Item>
                  <Form.Item name={[f.name, 'grantWan']}>
                    <InputNumber min={0} step={10} style={{ width: 120 }} data-testid={`plan-grant-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'firstYearWan']}>
                    <InputNumber min={0} step={10} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'reason']}>
                    <Input
                      placeholder={n('create.reasonPh')}
                      style={{ width: 180 }}
                      data-testid={`plan-reason-${i}`}
                    />
                  </Form.Item>
                  <Button icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                  <Button
                    icon={<ArrowDownOutlined />}
                    disabled={i === fields.length - 1}
                    onClick={() => move(i, i + 1)}
                  />
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              );
            })}
            <Space style={{ marginTop: 8 }} wrap>
              <Select
                style={{ width: 480 }}
                placeholder={n('plan.add')}
                value={null}
                onChange={(id: string) => {
                  const c = known.get(id);
                  const wan = fenToWanNumber(c?.requestedGrantFen ?? null);
                  add({ applicationId: id, grantWan: wan, firstYearWan: wan });
                }}
                options={props.candidates
                  .filter((c) => !lines.some((l) => l?.applicationId === c.applicationId))
                  .map((c) => ({ value: c.applicationId, label: `${c.projectTitle ?? ''} · ${c.orgName}` }))}
                data-testid="plan-add"
              />
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={busy}
                onClick={save}
                data-testid="plan-save"
              >
                {n('plan.save')}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
