/**
 * Decision table of the public notice (公示). Seed 000 §五: "上海市科委将向社会公示拟立项项目清单，接受
 * 公众异议". Seed 003 表 1-8 项目公示: 2021 "12月20日-12月24日", 2022 "11月4日-11月10日", 2023
 * "11月28日-12月4日" — each five working days inclusive. Seed 003 §二 B22 ④: "对公示期间有异议、且经核实
 * 异议成立的项目，不予立项".
 */
import { describe, expect, it } from 'vitest';
import {
  CalendarGap,
  awardListAfterFindings,
  isNoticeOpen,
  isWorkingDay,
  noticePeriod,
  noticeState,
  validateObjection,
  type ObjectionInput,
} from './notice.rules.js';
import { HOLIDAYS } from './notice-calendar.data.js';

describe('working days (工作日), Asia/Shanghai calendar', () => {
  it.each([
    ['2023-11-28', true, 'Tuesday'],
    ['2023-12-02', false, 'Saturday'],
    ['2023-10-02', false, '国庆 holiday on a Monday'],
    ['2023-10-07', true, '调休: Saturday worked after 国庆 2023'],
    ['2023-10-08', true, '调休: Sunday worked after 国庆 2023'],
    ['2022-12-31', false, '元旦 2023 starts in 2022 (a Saturday anyway)'],
    ['2023-01-02', false, '元旦 2023 Monday off'],
    ['2024-02-04', true, '调休 Sunday before 春节 2024'],
    ['2025-10-08', false, '国庆中秋 2025, eighth day'],
    ['2026-01-04', true, '调休 Sunday after 元旦 2026'],
    ['2026-02-23', false, '春节 2026, ninth day (a Monday)'],
  ])('%s → %s (%s)', (date, working) => expect(isWorkingDay(date)).toBe(working));
  it('refuses to guess a year without holiday data (2027 not yet published)', () => {
    expect(() => isWorkingDay('2027-03-01')).toThrow(CalendarGap);
  });
  it('the table covers 2021 to 2026, each year naming its State Council notice', () => {
    expect(Object.keys(HOLIDAYS)).toEqual(['2021', '2022', '2023', '2024', '2025', '2026']);
    for (const y of Object.values(HOLIDAYS)) expect(y.source).toMatch(/^https:\/\/www\.gov\.cn\/zhengce\//);
  });
});

describe('notice period: 5 working days inclusive', () => {
  it.each([
    ['2021-12-20', '2021-12-24', ['2021-12-20', '2021-12-21', '2021-12-22', '2021-12-23', '2021-12-24']],
    ['2022-11-04', '2022-11-10', ['2022-11-04', '2022-11-07', '2022-11-08', '2022-11-09', '2022-11-10']],
    ['2023-11-28', '2023-12-04', ['2023-11-28', '2023-11-29', '2023-11-30', '2023-12-01', '2023-12-04']],
  ])('seed 003 表 1-8: from %s ends %s', (start, end, days) => {
    const p = noticePeriod(start);
    expect(p).toMatchObject({ start, end, workingDays: days });
  });
  it.each([
    // over 国庆中秋 2023 (9-29 … 10-06 off, 10-07 and 10-08 worked): 9-27, 9-28, 10-07, 10-08, 10-09
    ['2023-09-27', 5, '2023-09-27', '2023-10-09'],
    // a Saturday start moves to Monday
    ['2023-12-02', 5, '2023-12-04', '2023-12-08'],
    // 春节 2026 (2-15 … 2-23 off; Saturday 2-14 worked): 12, 13, 14, 24, 25
    ['2026-02-12', 5, '2026-02-12', '2026-02-25'],
    ['2021-12-20', 1, '2021-12-20', '2021-12-20'],
    ['2021-12-20', 10, '2021-12-20', '2021-12-31'],
  ])('from %s, %i working days: %s → %s', (from, n, start, end) => {
    expect(noticePeriod(from, n)).toMatchObject({ start, end });
  });
  it('the 2023 period opens at 00:00 on 11-28 and closes at the end of 12-04, Beijing time', () => {
    const p = noticePeriod('2023-11-28');
    expect(p.opensAt).toBe('2023-11-28T00:00:00.000+08:00');
    expect(p.closesAt).toBe('2023-12-04T23:59:59.999+08:00');
    expect(noticeState(p, new Date('2023-11-27T15:59:59.999Z'))).toBe('notOpen'); // 11-27 23:59:59.999 +08
    expect(isNoticeOpen(p, new Date('2023-11-27T16:00:00Z'))).toBe(true); // 11-28 00:00 +08
    expect(isNoticeOpen(p, new Date('2023-12-04T15:59:59.999Z'))).toBe(true); // 12-04 23:59:59.999 +08
    expect(noticeState(p, new Date('2023-12-04T16:00:00Z'))).toBe('closed'); // 12-05 00:00 +08
  });
  it('a late-December period runs into a year without data provisionally (元旦 its only holiday)', () => {
    // 2026-12-28 Mon … 12-31 Thu, 2027-01-01 Fri is 元旦 (statutory), 01-02/03 weekend, 01-04 Mon
    const p = noticePeriod('2026-12-28', 5);
    expect(p).toMatchObject({ start: '2026-12-28', end: '2027-01-04', provisional: true });
    expect(noticePeriod('2026-12-21', 5).provisional).toBe(false);
    expect(isWorkingDay('2027-01-19')).toBe(true);
    expect(() => isWorkingDay('2027-01-20')).toThrow(CalendarGap);
    expect(() => noticePeriod('2027-01-13', 10)).toThrow(CalendarGap);
  });
});

describe('objections (异议)', () => {
  const notice = { period: noticePeriod('2023-11-28'), applicationIds: ['A1', 'A2'] };
  const during = new Date('2023-11-30T02:00:00Z');
  const ok: ObjectionInput = {
    applicationId: 'A1',
    name: '张三',
    phone: '13812345678',
    statement: '申报材料中的技术合同登记编号与登记系统不符。',
  };
  it.each<[string, Partial<ObjectionInput>, Date, string[]]>([
    ['complete', {}, during, []],
    ['e-mail instead of phone', { phone: undefined, email: 'zhang@example.com' }, during, []],
    ['anonymous', { name: '  ' }, during, ['name']],
    ['no contact', { phone: undefined }, during, ['phone']],
    ['bad phone and e-mail', { phone: '12345', email: 'zhang@example' }, during, ['phone', 'email']],
    ['statement too short', { statement: '不同意' }, during, ['statement']],
    ['project not on the notice', { applicationId: 'A9' }, during, ['applicationId']],
    ['after 12-04', {}, new Date('2023-12-04T16:00:00Z'), ['notice']],
    ['before 11-28', {}, new Date('2023-11-27T10:00:00Z'), ['notice']],
    [
      'everything wrong at once',
      { name: '', phone: '', statement: '' },
      during,
      ['name', 'phone', 'statement'],
    ],
  ])('%s', (_n, over, now, fields) => {
    expect(validateObjection({ ...ok, ...over }, notice, now).map((e) => e.field)).toEqual(fields);
  });
  it('says what is wrong in Chinese and English', () => {
    const [e] = validateObjection({ ...ok, statement: '不同意' }, notice, during);
    expect(e).toMatchObject({
      code: 'statement_too_short',
      message: '请说明异议的事实和理由（至少 10 个字，现有 3 个）',
      messageEn: 'State the facts and grounds of the objection (at least 10 characters; 3 given)',
    });
    expect(validateObjection(ok, notice, new Date('2023-12-05T01:00:00Z'))[0].code).toBe('notice_closed');
  });
});

describe('award list after findings: 经核实异议成立的项目，不予立项', () => {
  const noticed = ['A1', 'A2', 'A3'];
  it.each<[string, { id: string; applicationId: string; finding?: 'upheld' | 'rejected' }[], object]>([
    ['no objection', [], { awarded: noticed, removed: [], pending: [], final: true }],
    [
      'one upheld removes its project',
      [{ id: 'O1', applicationId: 'A2', finding: 'upheld' }],
      { awarded: ['A1', 'A3'], removed: [{ applicationId: 'A2', objectionIds: ['O1'] }], final: true },
    ],
    [
      'a rejected objection changes nothing',
      [{ id: 'O1', applicationId: 'A2', finding: 'rejected' }],
      { awarded: noticed, final: true },
    ],
    [
      'one under investigation holds the list back',
      [{ id: 'O1', applicationId: 'A3' }],
      { awarded: ['A1', 'A2'], removed: [], pending: ['O1'], final: false },
    ],
    [
      'upheld beats rejected on the same project',
      [
        { id: 'O1', applicationId: 'A1', finding: 'rejected' },
        { id: 'O2', applicationId: 'A1', finding: 'upheld' },
        { id: 'O3', applicationId: 'A1', finding: 'upheld' },
      ],
      { awarded: ['A2', 'A3'], removed: [{ applicationId: 'A1', objectionIds: ['O2', 'O3'] }], final: true },
    ],
  ])('%s', (_n, objections, expected) => {
    expect(awardListAfterFindings(noticed, objections)).toMatchObject(expected);
  });
});
