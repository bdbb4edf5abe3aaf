import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.js';
import type { Lang } from '../i18n/index.js';

const fieldText = (f: { message: string; messageEn: string }, lang: Lang) =>
  lang === 'en' ? f.messageEn || f.message : f.message || f.messageEn;

/**
 * Shows a server problem on a form: each field error goes onto the form field of that name
 * (dotted paths become name paths). Returns the summary to show above the form, which also
 * lists the errors whose field is not on this form (`fieldNames`), so nothing is hidden.
 */
export function applyProblem(form: FormInstance, err: unknown, lang: Lang, fieldNames: string[]): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const onForm = (f: { field: string }) => fieldNames.includes(f.field.split('.')[0]);
  const placed = err.errors.filter(onForm);
  if (placed.length) {
    form.setFields(
      placed.map((f) => ({
        name: f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as any,
        errors: [fieldText(f, lang)],
      })),
    );
  }
  const rest = err.errors.filter((f) => !onForm(f)).map((f) => `${f.field}: ${fieldText(f, lang)}`);
  return [err.text(lang), ...rest].filter(Boolean).join('；');
}

export function problemText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    return [err.text(lang), ...err.errors.map((f) => `${f.field}: ${fieldText(f, lang)}`)].join('；');
  }
  return err instanceof Error ? err.message : String(err);
}
