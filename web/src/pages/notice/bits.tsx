/** Small shared pieces of the notice pages: status colours, the outcome tag, field errors on a form. */
import { Tag, type FormInstance } from 'antd';
import { ApiError } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';
import type { NKey } from './i18n.js';

export const NOTICE_STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  published: 'green',
  closed: 'volcano',
  awarded: 'blue',
};

export const OBJECTION_STATUS_COLOR: Record<string, string> = {
  received: 'processing',
  upheld: 'red',
  rejected: 'default',
};

type N = (key: NKey, params?: Record<string, string | number>) => string;

export const stateText = (n: N, s: 'notOpen' | 'open' | 'closed') => n(`state.${s}`);

/** An entry's outcome: recorded by the award, else what the findings so far make of it. */
export function OutcomeTag({
  n,
  outcome,
  removed,
  held,
}: {
  n: N;
  outcome: 'awarded' | 'removed' | null;
  removed: boolean;
  held: boolean;
}) {
  if (outcome === 'awarded') return <Tag color="blue">{n('outcome.awarded')}</Tag>;
  if (outcome === 'removed') return <Tag color="red">{n('outcome.removed')}</Tag>;
  if (removed) return <Tag color="red">{n('outcome.willRemove')}</Tag>;
  if (held) return <Tag color="orange">{n('outcome.held')}</Tag>;
  return <Tag color="green">{n('outcome.willAward')}</Tag>;
}

/**
 * Puts each of the server's field errors (fieldErrors: `entries.2.reason`) on the form field of that
 * name (`rename` maps a server name to the form's), in the user's language; answers the message for
 * above the form, with the errors no field took.
 */
export function showFieldErrors(
  form: FormInstance,
  err: unknown,
  lang: Lang,
  fields: string[],
  rename: (field: string) => string = (f) => f,
): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const text = (f: { message: string; messageEn: string }) =>
    lang === 'en' ? f.messageEn || f.message : f.message || f.messageEn;
  const named = err.errors.map((f) => ({ ...f, field: rename(f.field) }));
  const placed = named.filter((f) => fields.includes(f.field.split('.')[0]!));
  const byField = new Map<string, string[]>();
  for (const f of placed) byField.set(f.field, [...(byField.get(f.field) ?? []), text(f)]);
  form.setFields(
    [...byField].map(([field, errors]) => ({
      name: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as never,
      errors,
    })),
  );
  const rest = named.filter((f) => !placed.includes(f)).map(text);
  return [err.text(lang), ...rest].filter(Boolean).join('；');
}
