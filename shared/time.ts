/**
 * Time, shared by server and web: instants are stored and sent as UTC (timestamptz) and shown in
 * Asia/Shanghai (UTC+8, no daylight saving), whatever the zone of the server or the browser.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const SHANGHAI_TZ = 'Asia/Shanghai';

type Instant = Date | string | number;

/** An instant in Asia/Shanghai with a dayjs pattern, e.g. "2023-10-30 16:30:00" (the default). */
export function formatShanghai(at: Instant, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  return dayjs(at).tz(SHANGHAI_TZ).format(pattern);
}

/** An instant as ISO 8601 with the +08:00 offset, e.g. "2023-10-30T16:30:00+08:00". */
export function shanghaiIso(at: Instant): string {
  return formatShanghai(at, 'YYYY-MM-DDTHH:mm:ssZ');
}

/** A wall-clock time typed in Beijing time ("2023-10-30T16:30" or with seconds) → ISO with +08:00. */
export function fromShanghaiLocal(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}

/** The dayjs of an instant (or now) in Asia/Shanghai, for date pickers and day arithmetic. */
export function inShanghai(at?: Instant) {
  return (at === undefined ? dayjs() : dayjs(at)).tz(SHANGHAI_TZ);
}

/**
 * An instant as printed on a receipt: "2023年10月30日 16:29:59 北京时间" (Asia/Shanghai; month and
 * day without a leading zero, as the guide writes its dates).
 */
export function beijingTimeText(at: Instant): string {
  return `${formatShanghai(at, 'YYYY年M月D日 HH:mm:ss')} 北京时间`;
}

/** A Beijing calendar date as printed on a form: "2023年10月30日". */
export function beijingDateText(at: Instant): string {
  return formatShanghai(at, 'YYYY年M月D日');
}

/** A calendar date typed without a time: "2027-01-31". */
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The Shanghai calendar date of an instant, "YYYY-MM-DD" (a deadline stored as an instant, shown as a date). */
export function shanghaiDate(at: Instant): string {
  return formatShanghai(at, 'YYYY-MM-DD');
}

/** The first instant of a Shanghai calendar day: "2027-01-01" → 2027-01-01T00:00:00+08:00. */
export function shanghaiDayStart(date: string): string {
  if (!DATE_ONLY.test(date)) throw new Error(`not a date: ${date}`);
  return `${date}T00:00:00.000+08:00`;
}

/**
 * The last instant of a Shanghai calendar day: "2027-01-31" → 2027-01-31T23:59:59.999+08:00, so a
 * deadline "until 2027-01-31" is open all that day in Beijing time and shows as 2027-01-31 (not as the
 * UTC end of day, which is 2027-02-01 07:59 in Shanghai).
 */
export function shanghaiDayEnd(date: string): string {
  if (!DATE_ONLY.test(date)) throw new Error(`not a date: ${date}`);
  return `${date}T23:59:59.999+08:00`;
}
