import { describe, expect, it } from 'vitest';
import { textInputProblems } from './text-input.js';

describe('textInputProblems', () => {
  it('accepts Chinese text, emoji (a surrogate pair) and full-width digits', () => {
    expect(textInputProblems({ title: '科技成果转化 😀 １２３', tags: ['人工智能'] }, '')).toEqual([]);
  });

  it('names a NUL, a lone high and a lone low surrogate at any depth', () => {
    const got = textInputProblems({ a: 'x\u0000', b: [{ c: '\ud800x' }], d: 'x\udc00' }, '');
    expect(got.map((e) => [e.field, e.code])).toEqual([
      ['a', 'nul_character'],
      ['b.0.c', 'invalid_unicode'],
      ['d', 'invalid_unicode'],
    ]);
    expect(got[0]!.message).toBe('不能包含空字符（U+0000）');
  });

  it('prefixes the part of the request', () => {
    expect(textInputProblems({ id: '\u0000' }, 'params').map((e) => e.field)).toEqual(['params.id']);
  });
});
