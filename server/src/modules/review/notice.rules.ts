/**
 * Pure rules of the public notice (公示) of the proposed award list (seed 000 §五 "向社会公示拟立项项目清单，
 * 接受公众异议"): the period in working days of the Asia/Shanghai calendar, whether the notice is open at
 * an instant, what an objection (异议) must contain, and the award list after the findings (seed 003
 * §二 B22 ④ "对公示期间有异议、且经核实异议成立的项目，不予立项"). No I/O, no clock.
 */
import { DATE_ONLY, shanghaiDayEnd, shanghaiDayStart } from '../../../../shared/time.js';
import { CONTACT_MESSAGES, isEmail, isPhone } from '../../../../shared/contact.js';
import { fieldError, type FieldError } from '../../platform/errors.js';
import { HOLIDAYS, type HolidayYear } from './notice-calendar.data.js';

export const DEFAULT_NOTICE_WORKING_DAYS = 5;

export type Calendar = Record<number, HolidayYear>;

const DAY_MS = 86_400_000;
const toDays = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDays = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

function dayKinds(calendar: Calendar, year: number) {
  const y = calendar[year];
  if (!y) return undefined;
  const off = new Set<string>();
  for (const [a, b] of y.off) for (let d = toDays(a); d <= toDays(b); d++) off.add(fromDays(d));
  return { off, makeUp: new Set(y.makeUp) };
}

/** Thrown (a bug in the caller's data, answered 500) when a date's year has no holiday data. */
export class CalendarGap extends Error {
  constructor(readonly year: number) {
    super(`no holiday data for ${year}: add the State Council notice's dates to notice-calendar.data.ts`);
  }
}

/**
 * The last day of January a year without its State Council notice may still be counted in: the spring
 * festival (春节) holiday has never started before 01-20 (the earliest 春节 is 01-21, its eve off at the
 * earliest the day before), so up to 01-19 the only holiday is the statutory 元旦 (全国年节及纪念日放假办法
 * 第二条: "元旦，放假1天（1月1日）"). A notice published in late December, as 2021's was (12-20 → 12-24),
 * can so run into January before the notice appears; its period says it was counted provisionally.
 */
export const PROVISIONAL_LAST_DAY = '01-19';

/** Whether `date` falls in a year without data and was counted under the statute alone. */
export function isProvisional(date: string, calendar: Calendar = HOLIDAYS): boolean {
  return !calendar[Number(date.slice(0, 4))];
}

/**
 * A working day (工作日): a listed make-up day (调休上班) is one; a listed holiday is not; otherwise
 * Monday to Friday. A year without data counts 01-01 … 01-19 with 元旦 as its only holiday (see
 * PROVISIONAL_LAST_DAY) and throws CalendarGap after that rather than guessing.
 */
export function isWorkingDay(date: string, calendar: Calendar = HOLIDAYS): boolean {
  if (!DATE_ONLY.test(date)) throw new Error(`not a date: ${date}`);
  // the 2023 notice lists 2022-12-31 as a holiday: look a date up in its own year and the next
  const year = Number(date.slice(0, 4));
  const own = dayKinds(calendar, year);
  if (!own) {
    if (date.slice(5) > PROVISIONAL_LAST_DAY) throw new CalendarGap(year);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return date.slice(5) !== '01-01' && weekday !== 0 && weekday !== 6;
  }
  const next = dayKinds(calendar, year + 1);
  if (own.makeUp.has(date) || next?.makeUp.has(date)) return true;
  if (own.off.has(date) || next?.off.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export interface NoticePeriod {
  /** The first and last calendar day of the notice (Asia/Shanghai), both working days. */
  start: string;
  end: string;
  workingDays: string[];
  /** The notice opens at the start of `start` and closes at the end of `end` (+08:00 instants). */
  opensAt: string;
  closesAt: string;
  /**
   * True when a day of the period lies in a year whose State Council notice is not in the data yet
   * (counted with 元旦 as the only holiday): staff see it and may re-check once the notice appears.
   */
  provisional: boolean;
}

/**
 * The notice period: `days` working days inclusive (default 5), counted from `start`. A start that is
 * not a working day (a weekend, a holiday) moves to the next working day: publishing on a Saturday
 * starts the count on Monday. 2021-12-20 (Mon) → 12-24 (Fri); 2022-11-04 (Fri) → 11-10 (Thu);
 * 2023-11-28 (Tue) → 12-04 (Mon) (seed 003 表 1-8).
 */
export function noticePeriod(
  start: string,
  days = DEFAULT_NOTICE_WORKING_DAYS,
  calendar: Calendar = HOLIDAYS,
): NoticePeriod {
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`working days must be a positive integer: ${days}`);
  const workingDays: string[] = [];
  for (let d = toDays(start); workingDays.length < days; d++) {
    const date = fromDays(d);
    if (isWorkingDay(date, calendar)) workingDays.push(date);
  }
  const first = workingDays[0];
  const last = workingDays[workingDays.length - 1];
  return {
    start: first,
    end: last,
    workingDays,
    opensAt: shanghaiDayStart(first),
    closesAt: shanghaiDayEnd(last),
    provisional: workingDays.some((d) => isProvisional(d, calendar)),
  };
}

/** The period as published ("2023-11-28 至 2023-12-04"), for the public page. */
export function noticePeriodText(p: Pick<NoticePeriod, 'start' | 'end'>) {
  return { zh: `${p.start} 至 ${p.end}`, en: `${p.start} to ${p.end}` };
}

export type NoticeState = 'notOpen' | 'open' | 'closed';

/** Open from the first instant of the first day to the last instant of the last day, Beijing time. */
export function noticeState(p: Pick<NoticePeriod, 'opensAt' | 'closesAt'>, now: Date): NoticeState {
  const t = now.getTime();
  if (t < Date.parse(p.opensAt)) return 'notOpen';
  if (t <= Date.parse(p.closesAt)) return 'open';
  return 'closed';
}

export const isNoticeOpen = (p: Pick<NoticePeriod, 'opensAt' | 'closesAt'>, now: Date) =>
  noticeState(p, now) === 'open';

export interface ObjectionInput {
  /** The noticed project objected to. */
  applicationId: string;
  /** Identity (署名): the objector's real name, and their organisation when they object for one. */
  name: string;
  organisation?: string;
  /** Contact: at least one of phone and e-mail, so staff can reach the objector about the finding. */
  phone?: string;
  email?: string;
  /** The statement of the objection (异议内容及理由); evidence files are uploaded separately. */
  statement: string;
}

/** Our floor for a statement that says what is wrong (the seeds set none): 10 characters. */
export const MIN_STATEMENT_CHARS = 10;

/**
 * An objection needs an identity, a contact and a statement, about a project on the notice, lodged
 * while the notice is open (an anonymous or late objection is refused with every wrong field named).
 */
export function validateObjection(
  o: ObjectionInput,
  notice: { period: Pick<NoticePeriod, 'opensAt' | 'closesAt'>; applicationIds: readonly string[] },
  now: Date,
): FieldError[] {
  const errors: FieldError[] = [];
  const state = noticeState(notice.period, now);
  if (state !== 'open')
    errors.push(
      fieldError(
        'notice',
        state === 'closed' ? 'notice_closed' : 'notice_not_open',
        state === 'closed' ? '公示期已结束，不再受理异议' : '公示尚未开始，暂不受理异议',
        state === 'closed'
          ? 'The notice period has ended; objections are no longer accepted'
          : 'The notice period has not begun; objections are not accepted yet',
      ),
    );
  if (!notice.applicationIds.includes(o.applicationId))
    errors.push(
      fieldError(
        'applicationId',
        'not_in_notice',
        '该项目不在公示名单中',
        'The project is not on the notice',
      ),
    );
  if (!o.name.trim())
    errors.push(
      fieldError(
        'name',
        'required',
        '请填写真实姓名（不受理匿名异议）',
        'Give your real name (anonymous objections are not accepted)',
      ),
    );
  const phone = o.phone?.trim() ?? '';
  const email = o.email?.trim() ?? '';
  if (!phone && !email)
    errors.push(
      fieldError(
        'phone',
        'contact_required',
        '请至少填写联系电话或电子邮箱之一',
        'Give a phone number or an e-mail address',
      ),
    );
  if (phone && !isPhone(phone)) {
    const m = CONTACT_MESSAGES.phone({ zh: '联系电话', en: 'Phone' });
    errors.push(fieldError('phone', 'phone_format', m.zh, m.en));
  }
  if (email && !isEmail(email)) {
    const m = CONTACT_MESSAGES.email({ zh: '电子邮箱', en: 'E-mail' });
    errors.push(fieldError('email', 'email_format', m.zh, m.en));
  }
  const chars = [...o.statement.trim()].length;
  if (chars < MIN_STATEMENT_CHARS)
    errors.push(
      fieldError(
        'statement',
        'statement_too_short',
        `请说明异议的事实和理由（至少 ${MIN_STATEMENT_CHARS} 个字，现有 ${chars} 个）`,
        `State the facts and grounds of the objection (at least ${MIN_STATEMENT_CHARS} characters; ${chars} given)`,
      ),
    );
  return errors;
}

export type ObjectionFinding = 'upheld' | 'rejected';

export interface ObjectionRecord {
  id: string;
  applicationId: string;
  /** Staff's finding after investigation (核实); absent while it is being investigated. */
  finding?: ObjectionFinding;
}

export interface AwardList {
  /** The noticed projects that may be awarded (立项), in the notice's order. */
  awarded: string[];
  /** Projects removed because an objection against them was upheld (异议成立), with those objections. */
  removed: { applicationId: string; objectionIds: string[] }[];
  /** Objections still without a finding: while any remains, the list is not final. */
  pending: string[];
  final: boolean;
}

/**
 * The award list after the findings (seed 003 §二 B22 ④): a project with at least one upheld objection
 * is not awarded; a rejected objection changes nothing; an objection still under investigation holds
 * the whole list back (final: false), and its project stays neither awarded nor removed.
 */
export function awardListAfterFindings(
  noticed: readonly string[],
  objections: readonly ObjectionRecord[],
): AwardList {
  const upheld = new Map<string, string[]>();
  const pendingFor = new Set<string>();
  const pending: string[] = [];
  for (const o of objections) {
    if (o.finding === 'upheld') upheld.set(o.applicationId, [...(upheld.get(o.applicationId) ?? []), o.id]);
    else if (o.finding === undefined) {
      pending.push(o.id);
      pendingFor.add(o.applicationId);
    }
  }
  return {
    awarded: noticed.filter((id) => !upheld.has(id) && !pendingFor.has(id)),
    removed: noticed
      .filter((id) => upheld.has(id))
      .map((id) => ({ applicationId: id, objectionIds: upheld.get(id)! })),
    pending,
    final: pending.length === 0,
  };
}
