/** 形式审查 filters: the call, then direction, result, organisation type and overridden. */
import { Card, Form, Select } from 'antd';
import type { CallSummary, PublicCall } from '../../../api/types.js';
import type { Query } from '../../../api/client.js';
import { useP } from '../i18n.js';

const ORG_ZH: Record<string, [string, string]> = {
  university: ['高校', 'University'],
  researchInstitute: ['科研院所', 'Research institute'],
  hospital: ['医疗卫生机构', 'Hospital'],
  enterprise: ['企业', 'Enterprise'],
  transferInstitution: ['技术转移机构', 'Transfer institution'],
  other: ['其他', 'Other'],
};

export function ScreeningFilters({
  calls,
  callId,
  directions,
  onCallChange,
  onFiltersChange,
}: {
  calls: CallSummary[];
  callId?: string;
  directions: PublicCall['directions'];
  onCallChange(callId: string): void;
  onFiltersChange(filters: Query): void;
}) {
  const { p, pick } = useP();
  return (
    <Card variant="borderless" style={{ marginBottom: 16 }}>
      <Form layout="inline" style={{ rowGap: 12 }} onValuesChange={(_c, v) => onFiltersChange(v)}>
        <Form.Item label={p('screen.call')}>
          <Select
            style={{ width: 280 }}
            value={callId}
            onChange={(v) => onCallChange(v)}
            options={calls.map((c) => ({ value: c.id, label: `${c.number ?? ''} ${c.title ?? ''}` }))}
            data-testid="screening-call"
          />
        </Form.Item>
        <Form.Item name="direction" label={p('apps.direction')}>
          <Select
            allowClear
            placeholder={p('common.all')}
            style={{ width: 220 }}
            options={directions.map((d) => ({ value: d.code, label: `${d.code} ${d.title}` }))}
          />
        </Form.Item>
        <Form.Item name="result" label={p('screen.result')}>
          <Select
            allowClear
            placeholder={p('common.all')}
            style={{ width: 120 }}
            options={(['pass', 'fail', 'incomplete'] as const).map((r) => ({
              value: r,
              label: p(`result.${r}`),
            }))}
            data-testid="screening-filter-result"
          />
        </Form.Item>
        <Form.Item name="orgType" label={p('screen.orgType')}>
          <Select
            allowClear
            placeholder={p('common.all')}
            style={{ width: 160 }}
            options={[
              'university',
              'researchInstitute',
              'hospital',
              'enterprise',
              'transferInstitution',
              'other',
            ].map((t) => ({ value: t, label: pick(ORG_ZH[t][0], ORG_ZH[t][1]) }))}
          />
        </Form.Item>
        <Form.Item name="overridden" label={p('screen.overridden')}>
          <Select
            allowClear
            placeholder={p('common.all')}
            style={{ width: 100 }}
            options={[
              { value: 'true', label: p('screen.yes') },
              { value: 'false', label: p('screen.no') },
            ]}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
