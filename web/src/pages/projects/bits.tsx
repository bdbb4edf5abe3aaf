/** Small shared pieces of the Programme III pages: status colours and the call picker. */
import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { callsApi } from '../../api/programme.js';
import { agreementsApi } from '../../api/projects.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';

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

/**
 * The calls to pick from: every call for programme staff (who draft agreements from a call's awards),
 * else the calls of the agreements the caller may see (finance and organisations do not list calls).
 */
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
  const me = useMe();
  const staff = can(me, 'agreement.manage');
  const [calls, setCalls] = useState<Array<{ value: string; label: string }>>([]);
  useEffect(() => {
    const fail = () => setCalls([]);
    if (staff)
      callsApi
        .list({ pageSize: 100 })
        .then(
          (res) =>
            setCalls(
              res.items.map((c) => ({ value: c.id, label: `${c.number ?? ''} ${c.title ?? ''}`.trim() })),
            ),
          fail,
        );
    else
      agreementsApi.list({ pageSize: 100 }).then((res) => {
        const seen = new Map(res.items.map((a) => [a.callId, a.callTitle]));
        setCalls([...seen].map(([id, title]) => ({ value: id, label: title || id })));
      }, fail);
  }, [staff]);
  return (
    <Select
      style={{ minWidth: 460 }}
      value={value || (allLabel ? '' : undefined)}
      placeholder={placeholder}
      onChange={onChange}
      options={[...(allLabel ? [{ value: '', label: allLabel }] : []), ...calls]}
      data-testid={testId}
    />
  );
}
