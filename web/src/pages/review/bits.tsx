/** Small shared pieces of the expert review pages. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Result, Skeleton } from 'antd';
import type { PermissionName } from '../../api/types.js';
import { useMe } from '../../auth/AuthContext.js';
import { can } from '../../auth/can.js';
import { Forbidden } from '../../components/Forbidden.js';
import { problemText } from '../../components/problem.js';
import { useR, type RKey } from './i18n.js';

export const TASK_STATUS_COLOR: Record<string, string> = {
  assigned: 'blue',
  accepted: 'processing',
  declined: 'default',
  replaced: 'default',
  submitted: 'green',
};

export const ROUND_STATUS_COLOR: Record<string, string> = {
  preparing: 'default',
  open: 'green',
  closed: 'volcano',
};

type R = (key: RKey, params?: Record<string, string | number>) => string;

export const roundLabel = (r: R, kind: string, n: number) =>
  r(kind === 'panelReview' ? 'round.panelReview' : 'round.remoteReview', { n });

/**
 * A page of one record (a round, a task): loads it by id, answers Forbidden without the permission, a
 * skeleton while loading and the server's message when the load failed; otherwise renders `children`
 * with the record, a setter for an answer that replaces it, and a reload.
 */
export function RecordPage<T>({
  id,
  permission,
  load,
  children,
}: {
  id: string;
  permission: PermissionName;
  load(id: string): Promise<T>;
  children(value: T, set: (v: T) => void, reload: () => Promise<void>): ReactNode;
}) {
  const me = useMe();
  const { r, lang } = useR();
  const [value, setValue] = useState<T | null>();
  const [error, setError] = useState<unknown>();
  const reload = useCallback(
    () =>
      load(id).then(setValue, (e) => {
        setError(e);
        setValue(null);
      }),
    [id, load],
  );
  useEffect(() => void reload(), [reload]);
  if (!can(me, permission)) return <Forbidden />;
  if (value === undefined) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (value === null)
    return <Result status="warning" title={r('common.loadFailed')} subTitle={problemText(error, lang)} />;
  return <>{children(value, setValue, reload)}</>;
}
