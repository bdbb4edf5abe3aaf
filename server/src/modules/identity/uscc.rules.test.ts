import { describe, expect, it } from 'vitest';
import { USCC_CHARSET, usccCheckChar, usccMessage, validateUscc } from './uscc.rules.js';
import { idNumberCheckChar, validateIdNumber } from './idnumber.rules.js';

// Codes published by the organisations themselves (business licences / annual reports).
const PUBLISHED = ['91440300708461136T', '91310000132200821H', '12100000400000624D'];

describe('validateUscc (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    for (const c of PUBLISHED) expect(validateUscc(c)).toEqual({ ok: true, value: c });
  });

  it('computes the check character, including the 31 → 0 case', () => {
    expect(usccCheckChar('91440300708461136')).toBe('T');
    // search a body whose weighted sum is ≡ 0 (mod 31): its check character is '0'
    let found = '';
    for (let i = 0; i < 31 && !found; i++) {
      const body = `9131010400000000${USCC_CHARSET[i]}`;
      if (usccCheckChar(body) === '0') found = body;
    }
    expect(found).not.toBe('');
    expect(validateUscc(`${found}0`).ok).toBe(true);
  });

  it('normalises lowercase and surrounding spaces', () => {
    expect(validateUscc(' 91440300708461136t ')).toEqual({ ok: true, value: '91440300708461136T' });
  });

  it('detects every single wrong character in every position', () => {
    for (const code of PUBLISHED) {
      for (let pos = 0; pos < 18; pos++) {
        for (const ch of USCC_CHARSET) {
          if (ch === code[pos]) continue;
          const bad = code.slice(0, pos) + ch + code.slice(pos + 1);
          const r = validateUscc(bad);
          expect(r.ok, `${bad}`).toBe(false);
        }
      }
    }
  });

  it('names the position of a character outside the set (I O Z S V, punctuation, Chinese)', () => {
    for (const ch of ['I', 'O', 'Z', 'S', 'V', '-', '中']) {
      for (const pos of [0, 1, 8, 16, 17]) {
        const bad = PUBLISHED[0].slice(0, pos) + ch + PUBLISHED[0].slice(pos + 1);
        const r = validateUscc(bad);
        expect(r).toEqual({ ok: false, problem: { code: 'uscc_charset', position: pos + 1, char: ch } });
      }
    }
  });

  it('wants digits in the division code (positions 3–8)', () => {
    const body = '9131A104MA1K4XCE1';
    expect(validateUscc(body + usccCheckChar(body))).toEqual({
      ok: false,
      problem: { code: 'uscc_region', position: 5 },
    });
  });

  it('wants 18 characters', () => {
    expect(validateUscc('')).toEqual({ ok: false, problem: { code: 'uscc_length', length: 0 } });
    expect(validateUscc('91440300708461136')).toEqual({
      ok: false,
      problem: { code: 'uscc_length', length: 17 },
    });
    expect(validateUscc('91440300708461136TT')).toEqual({
      ok: false,
      problem: { code: 'uscc_length', length: 19 },
    });
  });

  it('reports the wrong check character and explains in zh and en', () => {
    const r = validateUscc('91440300708461136X');
    expect(r).toEqual({ ok: false, problem: { code: 'uscc_check', expected: 'T', actual: 'X' } });
    const m = usccMessage((r as any).problem);
    expect(m.zh).toContain('校验位');
    expect(m.en).toContain('check character');
  });
});

describe('validateIdNumber (GB 11643)', () => {
  // 11010519491231002X is the standard's own worked example.
  it('accepts valid numbers, including X, and normalises x', () => {
    expect(validateIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(validateIdNumber('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    const body = '31010419900307123';
    expect(validateIdNumber(body + idNumberCheckChar(body)).ok).toBe(true);
  });
  it('rejects a wrong check character, a bad date, a bad format', () => {
    expect(validateIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'id_check' });
    expect(validateIdNumber('110105194902301234')).toEqual({ ok: false, problem: 'id_birthdate' });
    expect(validateIdNumber('11010519491231002')).toEqual({ ok: false, problem: 'id_format' });
    expect(validateIdNumber('1101051949123100XX')).toEqual({ ok: false, problem: 'id_format' });
    const future = '31010420990101123';
    expect(validateIdNumber(future + idNumberCheckChar(future), new Date('2030-01-01'))).toEqual({
      ok: false,
      problem: 'id_birthdate',
    });
  });
  it('detects every single wrong digit', () => {
    const v = '11010519491231002X';
    for (let pos = 0; pos < 17; pos++) {
      for (const d of '0123456789') {
        if (d === v[pos]) continue;
        const bad = v.slice(0, pos) + d + v.slice(pos + 1);
        expect(validateIdNumber(bad).ok, bad).toBe(false);
      }
    }
  });
});
