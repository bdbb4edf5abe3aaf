/** Errors of the calls module. */

/** Domain error with a stable code and zh/en messages (mapped to HTTP by the platform layer). */
export class CallError extends Error {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(messageEn);
    this.name = 'CallError';
  }
}
