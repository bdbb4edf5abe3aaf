import { describe, expect, it } from 'vitest';
import { fenToWan, fenToWan2, fenToWanNumber, isWan, showFen, wanRange, wanToFen } from './money.js';

// Money is integer fen; 1 万元 = 10 000 元 = 1 000 000 分 (docs/ARCHITECTURE.md, Data).
describe('wanToFen: one meaning of null (no amount), undefined for text that is not an amount', () => {
  it.each([
    ['12.5', 12_500_000],
    ['0.000001', 1],
    ['123.45', 123_450_000],
    ['1234.5', 1_234_500_000],
    ['1,234.5', 1_234_500_000],
    [' 500 ', 500_000_000],
    [0.1, 100_000],
    ['0', 0],
  ])('%s 万元 → %d fen', (text, fen) => expect(wanToFen(text)).toBe(fen));

  it.each([[''], ['   '], [null], [undefined]])('%j is no amount (null)', (text) =>
    expect(wanToFen(text as any)).toBeNull(),
  );

  it.each([['abc'], ['-1'], ['1.0000001'], ['1e3'], ['1.2.3'], ['9007199254.740992']])(
    '%s is not an amount (undefined)',
    (text) => expect(wanToFen(text)).toBeUndefined(),
  );

  it('is exact where floating point drifts (0.1 + 0.2 万元)', () => {
    expect(wanToFen('0.3')).toBe(wanToFen('0.1')! + wanToFen('0.2')!);
    expect(wanToFen('0.3')).toBe(300_000);
  });

  it('isWan accepts empty and amounts, refuses the rest', () => {
    expect(isWan('')).toBe(true);
    expect(isWan('3.5')).toBe(true);
    expect(isWan('3.5万')).toBe(false);
  });
});

describe('fenToWan / showFen / wanRange', () => {
  it('round-trips through text without loss', () => {
    for (const fen of [0, 1, 99, 1_000_000, 1_234_500_000, 5_000_000_000, Number.MAX_SAFE_INTEGER])
      expect(wanToFen(fenToWan(fen))).toBe(fen);
  });
  it('trims trailing zeros and keeps the sign', () => {
    expect(fenToWan(12_500_000)).toBe('12.5');
    expect(fenToWan(-1_500_000)).toBe('-1.5');
    expect(fenToWan(null)).toBe('');
  });
  it('shows 万元 in Chinese and grouped CNY in English', () => {
    expect(showFen(5_000_000_000, 'zh-CN')).toBe('5000 万元');
    expect(showFen(500_000_000, 'en')).toBe('CNY 5,000,000');
    expect(showFen(123_456, 'en')).toBe('CNY 1,234.56');
    expect(showFen(null, 'en')).toBe('—');
  });
  it('renders a range, an open end, or none', () => {
    expect(wanRange(200_000_000, 500_000_000, '万元', '未设置')).toBe('200 – 500 万元');
    expect(wanRange(200_000_000, 200_000_000, '万元', '未设置')).toBe('200 万元');
    expect(wanRange(200_000_000, null, '万元', '未设置')).toBe('≥ 200 万元');
    expect(wanRange(null, 500_000_000, '万元', '未设置')).toBe('≤ 500 万元');
    expect(wanRange(null, null, '万元', '未设置')).toBe('未设置');
  });
});

describe('fenToWanNumber / fenToWan2: 万元 with two decimals for tables and Excel cells', () => {
  it('divides by 1e6 and rounds half up to two decimals', () => {
    expect(fenToWanNumber(4_000_000_000)).toBe(4000);
    expect(fenToWanNumber(1_234_567)).toBe(1.23);
    expect(fenToWanNumber(1_235_000)).toBe(1.24);
    expect(fenToWanNumber(1_234_999)).toBe(1.23);
    expect(fenToWanNumber(5_000)).toBe(0.01);
    expect(fenToWanNumber(4_999)).toBe(0);
    expect(fenToWanNumber(-1_235_000)).toBe(-1.24);
    expect(fenToWanNumber(null)).toBeNull();
    expect(fenToWanNumber(1.5)).toBeNull();
  });
  it('writes exactly two decimals', () => {
    expect(fenToWan2(4_000_000_000)).toBe('4000.00');
    expect(fenToWan2(123_450_000)).toBe('123.45');
    expect(fenToWan2(undefined)).toBe('');
  });
});
