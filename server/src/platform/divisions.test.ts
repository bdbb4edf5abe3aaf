import { describe, expect, it } from 'vitest';
import {
  divisionFromText,
  divisionOf,
  PREFECTURE_CODES,
  PROVINCE_CODES,
  SHANGHAI_DISTRICTS,
  withinDivision,
} from './divisions.js';

describe('GB/T 2260 divisions', () => {
  it('holds every province-level division and the 16 districts of Shanghai', () => {
    // 23 provinces, 5 autonomous regions, 4 municipalities, 2 SARs
    expect(PROVINCE_CODES).toHaveLength(34);
    const current = Object.values(SHANGHAI_DISTRICTS).filter((d) => !d.mergedInto);
    expect(current).toHaveLength(16);
    expect(current.map((d) => d.zh)).toContain('浦东新区');
    // every prefecture lies in a province of the table
    for (const p of PREFECTURE_CODES) expect(divisionOf(p).known, p).toBe(true);
    expect(PREFECTURE_CODES.length).toBeGreaterThan(330);
  });

  it('names a code by its first 2, 4 and (Shanghai) 6 digits', () => {
    expect(divisionOf('320102').zh).toBe('江苏省南京市');
    expect(divisionOf('320102').en).toBe('南京市, Jiangsu');
    expect(divisionOf('310110').zh).toBe('上海市杨浦区');
    expect(divisionOf('310110').en).toBe('Yangpu, Shanghai');
    expect(divisionOf('310000').zh).toBe('上海市');
    expect(divisionOf('110108').zh).toBe('北京市');
    expect(divisionOf('440300').zh).toBe('广东省深圳市');
    expect(divisionOf('990000').known).toBe(false);
  });

  it('compares by containment, a former district inside its successor', () => {
    expect(withinDivision('310110', '310000')).toBe(true);
    expect(withinDivision('310110', '310100')).toBe(true);
    expect(withinDivision('320102', '310000')).toBe(false);
    expect(withinDivision('310108', '310106')).toBe(true); // 闸北区 → 静安区 (2015)
    expect(withinDivision('310104', '310110')).toBe(false);
  });

  it('reads the division a typed region names', () => {
    expect(divisionFromText('上海市杨浦区')).toBe('310110');
    expect(divisionFromText('上海浦东')).toBe('310115');
    expect(divisionFromText('徐汇区')).toBe('310104');
    expect(divisionFromText('上海市')).toBe('310000');
    expect(divisionFromText('江苏省南京市玄武区')).toBe('320100');
    expect(divisionFromText('苏州市工业园区')).toBe('320500');
    expect(divisionFromText('北京市朝阳区')).toBe('110000');
    expect(divisionFromText('某地')).toBeNull();
  });
});
