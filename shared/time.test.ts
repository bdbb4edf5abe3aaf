import { describe, expect, it } from 'vitest';
import {
  beijingDateText,
  beijingTimeText,
  formatShanghai,
  fromShanghaiLocal,
  inShanghai,
  shanghaiDate,
  shanghaiDayEnd,
  shanghaiDayStart,
  shanghaiIso,
} from './time.js';

// Times are timestamptz (UTC), shown in Asia/Shanghai (docs/ARCHITECTURE.md, Data); the 2023 guide's
// deadline is 2023-10-30 16:30 Beijing time = 08:30 UTC.
const DEADLINE_UTC = '2023-10-30T08:30:00.000Z';

describe('Shanghai time', () => {
  it('formats an instant in Beijing time whatever the input form', () => {
    expect(formatShanghai(new Date(DEADLINE_UTC))).toBe('2023-10-30 16:30:00');
    expect(formatShanghai(DEADLINE_UTC)).toBe('2023-10-30 16:30:00');
    expect(formatShanghai(Date.parse(DEADLINE_UTC) - 1000)).toBe('2023-10-30 16:29:59');
    expect(formatShanghai(DEADLINE_UTC, 'YYYY-MM-DD HH:mm')).toBe('2023-10-30 16:30');
  });
  it('crosses the date line at 16:00 UTC', () => {
    expect(formatShanghai('2023-12-31T16:00:00Z')).toBe('2024-01-01 00:00:00');
  });
  it('writes ISO 8601 with the +08:00 offset, and reads it back to the same instant', () => {
    const iso = shanghaiIso(DEADLINE_UTC);
    expect(iso).toBe('2023-10-30T16:30:00+08:00');
    expect(new Date(iso).toISOString()).toBe(DEADLINE_UTC);
  });
  it('turns a Beijing wall-clock time into an instant', () => {
    expect(fromShanghaiLocal('2023-10-30T16:30')).toBe('2023-10-30T16:30:00+08:00');
    expect(new Date(fromShanghaiLocal('2023-10-30T16:30:00')).toISOString()).toBe(DEADLINE_UTC);
  });
  it('gives the Beijing calendar day for day arithmetic', () => {
    expect(inShanghai('2023-12-31T16:00:00Z').format('YYYY-MM-DD')).toBe('2024-01-01');
  });
  it('prints a receipt time in Chinese with 北京时间 (issue 11)', () => {
    expect(beijingTimeText('2023-10-30T08:29:59Z')).toBe('2023年10月30日 16:29:59 北京时间');
    expect(beijingTimeText(new Date('2023-10-30T08:29:59.999Z'))).toBe('2023年10月30日 16:29:59 北京时间');
    // the Beijing day, not the UTC one; month and day without a leading zero
    expect(beijingTimeText('2024-01-04T16:00:05Z')).toBe('2024年1月5日 00:00:05 北京时间');
    expect(beijingDateText('2023-10-30T16:00:00Z')).toBe('2023年10月31日');
  });
});

describe('date-only deadlines are Shanghai calendar days', () => {
  it('a day runs from 00:00 to 23:59:59.999 Beijing time and shows as that date', () => {
    expect(shanghaiDayStart('2027-01-01')).toBe('2027-01-01T00:00:00.000+08:00');
    expect(new Date(shanghaiDayEnd('2027-01-31')).toISOString()).toBe('2027-01-31T15:59:59.999Z');
    expect(shanghaiDate(shanghaiDayEnd('2027-01-31'))).toBe('2027-01-31');
    // the bug: the UTC end of 2027-01-31 is already 2027-02-01 in Shanghai
    expect(shanghaiDate('2027-01-31T23:59:59.999Z')).toBe('2027-02-01');
    expect(() => shanghaiDayEnd('2027-01-31T00:00')).toThrow();
  });
});
