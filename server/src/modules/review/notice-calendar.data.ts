/**
 * Public holidays (放假) and make-up working days (调休上班) of the Chinese calendar, 2021-2026, from the
 * State Council General Office's yearly notices (国务院办公厅关于…部分节假日安排的通知), cross-checked
 * against the holiday-cn data set (github.com/NateScarlet/holiday-cn), which cites the same notices.
 * 2027: the notice was not published in the data checked (a snapshot of 2026-08), so 2027 is absent
 * and the notice rules refuse to count working days in it rather than guess; add the row when the
 * notice appears. Dates are Asia/Shanghai calendar dates.
 */
export interface HolidayYear {
  source: string;
  /** Days off beyond the weekend, as inclusive ranges [first, last]. */
  off: [string, string][];
  /** Weekend days that are working days (调休). */
  makeUp: string[];
}

export const HOLIDAYS: Record<number, HolidayYear> = {
  2021: {
    source: 'https://www.gov.cn/zhengce/zhengceku/2020-11/25/content_5564127.htm',
    off: [
      ['2021-01-01', '2021-01-03'],
      ['2021-02-11', '2021-02-17'],
      ['2021-04-03', '2021-04-05'],
      ['2021-05-01', '2021-05-05'],
      ['2021-06-12', '2021-06-14'],
      ['2021-09-19', '2021-09-21'],
      ['2021-10-01', '2021-10-07'],
    ],
    makeUp: [
      '2021-02-07',
      '2021-02-20',
      '2021-04-25',
      '2021-05-08',
      '2021-09-18',
      '2021-09-26',
      '2021-10-09',
    ],
  },
  2022: {
    source: 'https://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm',
    off: [
      ['2022-01-01', '2022-01-03'],
      ['2022-01-31', '2022-02-06'],
      ['2022-04-03', '2022-04-05'],
      ['2022-04-30', '2022-05-04'],
      ['2022-06-03', '2022-06-05'],
      ['2022-09-10', '2022-09-12'],
      ['2022-10-01', '2022-10-07'],
    ],
    makeUp: [
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ],
  },
  2023: {
    source: 'https://www.gov.cn/zhengce/zhengceku/2022-12/08/content_5730844.htm',
    off: [
      ['2022-12-31', '2023-01-02'],
      ['2023-01-21', '2023-01-27'],
      ['2023-04-05', '2023-04-05'],
      ['2023-04-29', '2023-05-03'],
      ['2023-06-22', '2023-06-24'],
      ['2023-09-29', '2023-10-06'],
    ],
    makeUp: [
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ],
  },
  2024: {
    source: 'https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm',
    off: [
      ['2024-01-01', '2024-01-01'],
      ['2024-02-10', '2024-02-17'],
      ['2024-04-04', '2024-04-06'],
      ['2024-05-01', '2024-05-05'],
      ['2024-06-10', '2024-06-10'],
      ['2024-09-15', '2024-09-17'],
      ['2024-10-01', '2024-10-07'],
    ],
    makeUp: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  2025: {
    source: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
    off: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    makeUp: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    source: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
    off: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    makeUp: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};
