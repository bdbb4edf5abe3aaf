import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { orgsApi } from '../api/admin.js';
import type { Org } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

/** Searchable organisation picker backed by GET /api/orgs?q=. */
export function OrgSelect(props: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Org[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      orgsApi
        .list({ q: q || undefined, pageSize: 30 })
        .then((p) => live && setOptions(p.items))
        .catch(() => live && setOptions([]))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [q]);
  return (
    <Select
      id={props.id}
      showSearch
      allowClear={props.allowClear}
      value={props.value}
      onChange={props.onChange}
      onSearch={setQ}
      filterOption={false}
      loading={loading}
      placeholder={props.placeholder ?? t('common.all')}
      style={props.style}
      notFoundContent={t('common.none')}
      options={options.map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}
