// The panel session's rules (seed 000 §四 第二轮见面会评审): consecutive slots, a working day of the
// State Council calendar, shortlisted applications only and once each, and minutes that decide every
// slotted application with a reason for any decision but 建议立项.
import { describe, expect, it } from 'vitest';
import { checkMinutes, checkSession, countedPanelScores, slotsFor } from './panel.rules.js';

const label = (id: string) => `SQ-${id}`;
const base = {
  now: new Date('2023-11-21T09:00:00+08:00'),
  scope: new Set(['a', 'b', 'c']),
  slotted: new Set<string>(),
  label,
};
const codes = (e: Array<{ field: string; code: string }>) => e.map((x) => `${x.field}:${x.code}`);

describe('panel sessions', () => {
  it('gives consecutive slots of the session’s length, in the order given', () => {
    const slots = slotsFor(new Date('2023-11-28T09:00:00+08:00'), 25, ['b', 'a']);
    expect(
      slots.map((s) => [s.applicationId, s.position, s.startsAt.toISOString(), s.endsAt.toISOString()]),
    ).toEqual([
      ['b', 1, '2023-11-28T01:00:00.000Z', '2023-11-28T01:25:00.000Z'],
      ['a', 2, '2023-11-28T01:25:00.000Z', '2023-11-28T01:50:00.000Z'],
    ]);
  });

  it('accepts a future working day for shortlisted applications', () => {
    expect(
      checkSession({ ...base, startsAt: new Date('2023-11-28T09:00:00+08:00'), applicationIds: ['a', 'b'] }),
    ).toEqual([]);
  });

  it.each([
    ['a Saturday', '2023-11-25T09:00:00+08:00', 'startsAt:not_working_day'],
    ['a day of the National Day holiday', '2023-10-02T09:00:00+08:00', 'startsAt:not_working_day'],
    ['a time already past', '2023-11-20T09:00:00+08:00', 'startsAt:in_past'],
    ['a holiday ahead (2024 New Year)', '2024-01-01T09:00:00+08:00', 'startsAt:not_working_day'],
  ])('refuses %s', (_, at, code) => {
    expect(codes(checkSession({ ...base, startsAt: new Date(at), applicationIds: ['a'] }))).toContain(code);
  });

  it('takes a make-up working Sunday as a working day', () => {
    // 2024-02-04 (Sunday) was worked for the Spring Festival
    const e = checkSession({
      ...base,
      now: new Date('2024-01-10T09:00:00+08:00'),
      startsAt: new Date('2024-02-04T09:00:00+08:00'),
      applicationIds: ['a'],
    });
    expect(e).toEqual([]);
  });

  it('names each application that is not shortlisted, listed twice, or already slotted', () => {
    const e = checkSession({
      ...base,
      slotted: new Set(['c']),
      startsAt: new Date('2023-11-28T09:00:00+08:00'),
      applicationIds: ['a', 'x', 'a', 'c'],
    });
    expect(codes(e)).toEqual([
      'applicationIds.1:not_shortlisted',
      'applicationIds.2:duplicate',
      'applicationIds.3:already_slotted',
    ]);
    expect(e[0]!.message).toBe('SQ-x 未入围见面会评审');
    expect(
      codes(checkSession({ ...base, startsAt: new Date('2023-11-28T09:00:00+08:00'), applicationIds: [] })),
    ).toEqual(['applicationIds:empty']);
  });
});

describe('panel minutes', () => {
  it('decides every slotted application once, with a reason for any but 建议立项', () => {
    expect(
      checkMinutes(
        ['a', 'b'],
        [
          { applicationId: 'a', decision: 'recommended' },
          { applicationId: 'b', decision: 'notRecommended', note: '市场前景论证不足' },
        ],
        label,
      ),
    ).toEqual([]);
    const e = checkMinutes(
      ['a', 'b', 'c'],
      [
        { applicationId: 'a', decision: 'absent', note: '  ' },
        { applicationId: 'a', decision: 'recommended' },
        { applicationId: 'z', decision: 'recommended' },
      ],
      label,
    );
    expect(codes(e)).toEqual([
      'decisions.0.note:required',
      'decisions.1.applicationId:duplicate',
      'decisions.2.applicationId:not_in_session',
      'decisions:missing',
      'decisions:missing',
    ]);
    expect(e[0]!.message).toBe('结论为“未到场答辩”时须写明理由');
    expect(e[3]!.message).toBe('缺少 SQ-b 的会议结论');
  });

  it('counts no panel score for an application that did not attend', () => {
    const scores = new Map([
      ['a', 90],
      ['b', 80],
      ['c', 70],
    ]);
    const counted = countedPanelScores(
      scores,
      new Map([
        ['a', 'recommended'],
        ['b', 'absent'],
        ['c', null],
      ] as const),
    );
    expect([...counted]).toEqual([
      ['a', 90],
      ['c', 70],
    ]);
  });
});
