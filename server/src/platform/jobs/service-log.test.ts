import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleServiceLog } from './platform-services.js';

/**
 * The services' log (jobs, mail, backups) goes to the console, around the request logger's
 * redaction: its lines must be scrubbed too (issue 10, fix 1: no personal data in any log).
 */
afterEach(() => vi.restoreAllMocks());

describe('the services log', () => {
  it('masks ID numbers, phones and addresses in a failed job or mail line, at every level', () => {
    const out: string[] = [];
    for (const m of ['log', 'warn', 'error'] as const)
      vi.spyOn(console, m).mockImplementation((line: string) => void out.push(line));
    const msg =
      'mail 7 to l***@example.cn failed (attempt 2): 550 <lead.person@example.cn> rejected; ' +
      'job applications.notify failed: lead 110101199003071234 phone 13912345678';
    consoleServiceLog('info', msg);
    consoleServiceLog('warn', msg);
    consoleServiceLog('error', msg);
    expect(out).toHaveLength(3);
    for (const line of out) {
      for (const raw of ['lead.person@example.cn', '110101199003071234', '13912345678'])
        expect(line).not.toContain(raw);
      expect(line).toContain('l***@example.cn');
      expect(line).toContain('139****5678');
    }
  });
});
