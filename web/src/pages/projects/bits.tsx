/** Small shared pieces of the Programme III pages: status colours and the call picker. */
import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { callsApi } from '../../api/programme.js';
import type { CallSummary } from '../../api/types.js';

export const AGREEMENT_STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  orgConfirmed: 'processing',
  confirmed: 'green',
};

export const TRANCHE_STATUS_COLOR: Record<string, string> = {
  scheduled: 'default',
  requested: 'processing',
  approved: 'gold',
  paid: 'green',
};

/** The calls, newest first, as a select. */
export function CallPicker({
  value,
  onChange,
  placeholder,
  allLabel,
  testId,
}: {
  value: string;
  onChange(v: string): void;
  placeholder: string;
  allLabel?: string;
  testId: string;
}) {
  const [calls, setCalls] = useState<CallSummary[]>([]);
  useEffect(() => {
    callsApi.list({ pageSize: 100 }).then(
      (res) => setCalls(res.items),
      () => setCalls([]),
    );
  }, []);
  return (
    <Select
      style={{ minWidth: 460 }}
      value={value || (allLabel ? '' : undefined)}
      placeholder={placeholder}
      onChange={onChange}
      options={[
        ...(allLabel ? [{ value: '', label: allLabel }] : []),
        ...calls.map((c) => ({ value: c.id, label: `${c.number ?? ''} ${c.title ?? ''}`.trim() })),
      ]}
      data-testid={testId}
    />
  );
}
