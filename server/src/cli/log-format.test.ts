import { describe, expect, it } from 'vitest';
import { humanLogLine, humanLogStream } from './log-format.js';

describe('the npm start log: one short human line', () => {
  it('turns a pino JSON line into time, level, message, request and error', () => {
    const line = JSON.stringify({
      level: 50,
      time: Date.parse('2023-10-30T08:29:59Z'),
      reqId: 'r-1',
      req: { method: 'POST', url: '/api/applications' },
      msg: 'request failed',
      err: { type: 'TypeError', message: 'x is undefined', stack: 'TypeError: …' },
    });
    expect(humanLogLine(line)).toBe(
      '16:29:59  错误 ERROR  request failed  POST /api/applications  (TypeError: x is undefined)',
    );
  });
  it('keeps a line that is not JSON, and writes one line per record', () => {
    expect(humanLogLine('plain text\n')).toBe('plain text');
    const out: string[] = [];
    humanLogStream({ write: (s) => out.push(s) }).write(
      `${JSON.stringify({ level: 40, time: 0, msg: 'a' })}\n${JSON.stringify({ level: 40, time: 0, msg: 'b' })}\n`,
    );
    expect(out).toEqual(['08:00:00  警告 WARN  a\n', '08:00:00  警告 WARN  b\n']);
  });
});
