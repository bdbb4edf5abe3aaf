import { describe, expect, it } from 'vitest';
import { canClose, canOpen, capacityLeft, roundDays } from './round.rules.js';

describe('round rules', () => {
  it('opens only when every application has its experts, naming the short ones', () => {
    expect(canOpen(3, [{ applicationId: 'a', label: 'R-1', live: 3 }]).allowed).toBe(true);
    const d = canOpen(3, [
      { applicationId: 'a', label: 'R-1', live: 3 },
      { applicationId: 'b', label: 'R-2', live: 2 },
    ]);
    expect(d).toMatchObject({ allowed: false, code: 'invalid_state' });
    expect(!d.allowed && d.zh).toContain('R-2（2/3）');
    expect(canOpen(3, []).allowed).toBe(false);
  });

  it('closes at the deadline, or before it once nothing is pending', () => {
    const deadline = '2023-11-20T17:00:00+08:00';
    expect(canClose(new Date('2023-11-20T16:59:59.999+08:00'), deadline, 1).allowed).toBe(false);
    expect(canClose(new Date('2023-11-20T17:00:00+08:00'), deadline, 1).allowed).toBe(true);
    expect(canClose(new Date('2023-11-01T10:00:00+08:00'), deadline, 0).allowed).toBe(true);
    const d = canClose(new Date('2023-11-01T10:00:00+08:00'), deadline, 2);
    expect(!d.allowed && d.zh).toContain('2023-11-20 17:00:00');
  });

  it('leaves each expert their maximum load less what they hold, never below 0', () => {
    const left = capacityLeft(
      new Map([
        ['x', 5],
        ['y', 2],
      ]),
      new Map([['y', 3]]),
    );
    expect([...left]).toEqual([
      ['x', 5],
      ['y', 0],
    ]);
  });

  it('counts the round days in Shanghai', () => {
    expect(roundDays(new Date('2023-10-31T17:00:00Z'), '2023-11-20T17:00:00+08:00')).toEqual({
      from: '2023-11-01',
      to: '2023-11-20',
    });
  });
});
