/**
 * A policy or workflow answer: allowed, or refused with a reason code and the zh-CN / en text the UI
 * shows. The code says why (`invalid_state`, `self_review`, …); `problemCodeOf` says what HTTP problem
 * it is answered with when enforced (platform/enforce.ts).
 */
import type { ErrorCode } from './errors.js';

export type Refused<C extends string = string> = { allowed: false; code: C; zh: string; en: string };
export type Decision<C extends string = string> = { allowed: true } | Refused<C>;

export const ALLOW = { allowed: true } as const satisfies Decision<never>;

export function deny<const C extends string = 'forbidden'>(zh: string, en: string, code?: C): Refused<C> {
  return { allowed: false, code: (code ?? 'forbidden') as C, zh, en };
}

/** Problem codes a refusal may be answered with (each is an error code of platform/errors.ts). */
export const REFUSAL_PROBLEMS = [
  'forbidden',
  'invalid_state',
  'deadline_passed',
] as const satisfies readonly ErrorCode[];
export type RefusalProblem = (typeof REFUSAL_PROBLEMS)[number];

const answers = new Map<string, RefusalProblem>([
  ['forbidden', 'forbidden'],
  ['invalid_state', 'invalid_state'],
  ['deadline_passed', 'deadline_passed'],
]);

/**
 * Registers the reason codes of a module with the problem each is answered with, e.g.
 * `defineRefusals({ self_review: 'forbidden', not_editable: 'invalid_state' })`. Returns the codes as
 * typed constants. A code registered twice with another answer fails at start-up.
 */
export function defineRefusals<const T extends Record<string, RefusalProblem>>(
  defs: T,
): { [K in keyof T]: K } {
  const out: Record<string, string> = {};
  for (const [code, problem] of Object.entries(defs)) {
    const prev = answers.get(code);
    if (prev && prev !== problem)
      throw new Error(`refusal code ${code} registered as ${prev} and ${problem}`);
    answers.set(code, problem);
    out[code] = code;
  }
  return out as { [K in keyof T]: K };
}

/** The problem a refusal is answered with; a code nobody registered is answered as `forbidden`. */
export function problemCodeOf(code: string): RefusalProblem {
  return answers.get(code) ?? 'forbidden';
}

export function isRegisteredRefusal(code: string): boolean {
  return answers.has(code);
}
