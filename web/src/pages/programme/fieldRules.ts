/**
 * The form's checks at the field, the same as the server's (shared/contact.ts, shared/idnumber.ts),
 * with the message under the field; required marks and labels from shared/application-fields.ts.
 */
import type { FormRule } from 'antd';
import {
  APPLICATION_FIELDS,
  applicationFieldLabel,
  type ApplicationFieldPath,
} from '../../../../shared/application-fields.js';
import { CONTACT_MESSAGES, isCalendarDate, isEmail, isPhone } from '../../../../shared/contact.js';
import { ID_NUMBER_MESSAGES, validateIdNumber } from '../../../../shared/idnumber.js';
import type { ZhEn } from '../../../../shared/i18n.js';

type Pick = (p: ZhEn) => string;
const blank = (v: unknown) => v === undefined || v === null || String(v).trim() === '';

/** Whether the guide's checklist needs the field before submission (the form marks it *). */
export const isRequired = (path: ApplicationFieldPath): boolean =>
  Boolean((APPLICATION_FIELDS[path] as { required?: boolean }).required);

export function phoneRule(path: string, L: Pick): FormRule {
  return {
    validator: (_, v) =>
      blank(v) || isPhone(String(v))
        ? Promise.resolve()
        : Promise.reject(new Error(L(CONTACT_MESSAGES.phone(applicationFieldLabel(path))))),
  };
}

export function emailRule(path: string, L: Pick): FormRule {
  return {
    validator: (_, v) =>
      blank(v) || isEmail(String(v))
        ? Promise.resolve()
        : Promise.reject(new Error(L(CONTACT_MESSAGES.email(applicationFieldLabel(path))))),
  };
}

export function idNumberRule(path: string, L: Pick): FormRule {
  return {
    validator: (_, v) => {
      if (blank(v)) return Promise.resolve();
      const r = validateIdNumber(String(v), new Date());
      if (r.ok) return Promise.resolve();
      const label = applicationFieldLabel(path);
      const m = ID_NUMBER_MESSAGES[r.problem];
      return Promise.reject(
        new Error(L({ zh: `${label.zh}${m.zh.replace(/^身份证号/, '')}`, en: `${label.en}: ${m.en}` })),
      );
    },
  };
}

/** The end date after the start date (the form item depends on ['project', 'startDate']). */
export function endAfterStartRule(L: Pick): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_, v) => {
      const start = getFieldValue(['project', 'startDate']);
      if (blank(v) || blank(start) || !isCalendarDate(String(v)) || !isCalendarDate(String(start)))
        return Promise.resolve();
      return String(v) > String(start)
        ? Promise.resolve()
        : Promise.reject(
            new Error(
              L(
                CONTACT_MESSAGES.dateOrder(
                  applicationFieldLabel('project.endDate'),
                  applicationFieldLabel('project.startDate'),
                ),
              ),
            ),
          );
    },
  });
}

/** The form step that holds a field (a checklist path, `application.` prefix allowed). */
export function stepOfField(field: string): string {
  const f = field.replace(/^application\./, '').split(/[.,[]/)[0];
  if (['project', 'applicant', 'lead', 'leadUserId', 'org'].includes(f)) return 'project';
  if (f === 'feasibilityPlan') return 'feasibility';
  if (f === 'budget') return 'budget';
  if (f === 'kpis' || f.startsWith('kpi')) return 'kpis';
  if (f === 'team') return 'team';
  if (f === 'excludedExperts') return 'avoidance';
  if (f === 'declarations' || f === 'claimsTechIncome') return 'declarations';
  if (f === 'attachments' || f.startsWith('attachment')) return 'attachments';
  return 'project';
}

/** A checklist path as a form field name (['team', 'members', 0, 'phone']), or null. */
export function formNameOf(field: string): (string | number)[] | null {
  const f = field.replace(/^application\./, '').split(',')[0];
  if (
    !f ||
    f === 'leadUserId' ||
    f.startsWith('attachment') ||
    f.startsWith('org.') ||
    f.startsWith('lead.ongoing')
  )
    return null;
  return f.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}
