import { describe, expect, it } from 'vitest';
import { applyPath, loginThen, safeNext } from './next.js';

describe('safeNext: where sign-in returns to', () => {
  it('keeps a path of this site, with its query', () => {
    expect(safeNext('/programme/calls?apply=abc')).toBe('/programme/calls?apply=abc');
    expect(safeNext(decodeURIComponent(loginThen(applyPath('c-1')).split('next=')[1]))).toBe(
      '/programme/calls?apply=c-1',
    );
    expect(safeNext('/market/needs#top')).toBe('/market/needs#top');
  });
  it.each([
    [null],
    [''],
    ['https://evil.example/'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    ['dashboard'],
    ['/api/auth/logout'],
    ['/login?next=/x'],
    ['/a\nb'],
    ['/' + 'x'.repeat(2001)],
  ])('refuses %j and uses the fallback', (raw) => {
    expect(safeNext(raw)).toBe('/dashboard');
    expect(safeNext(raw, '/x')).toBe('/x');
  });
});
