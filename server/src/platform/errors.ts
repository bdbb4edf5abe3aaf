/**
 * One error type for the domain. A code maps to an HTTP status and zh-CN / en messages;
 * the HTTP layer turns it into application/problem+json (RFC 9457) listing every invalid field.
 */
export interface FieldError {
  /** Dotted path of the field, e.g. `budget.requestedGrantFen`. */
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface CodeDef {
  status: number;
  zh: string;
  en: string;
}

/** The platform's own error codes; a module registers its own with `registerErrorCodes`. */
export const PLATFORM_ERRORS = {
  validation_failed: { status: 400, zh: '提交的数据有误，请按提示修改', en: 'Some fields are invalid' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please sign in' },
  invalid_credentials: { status: 401, zh: '账号或密码错误', en: 'Wrong account or password' },
  mfa_required: { status: 401, zh: '请输入动态验证码完成两步验证', en: 'Enter your authenticator code' },
  mfa_enrolment_required: {
    status: 403,
    zh: '您的角色必须启用两步验证，请先绑定身份验证器',
    en: 'Your role requires two-factor authentication; enrol an authenticator first',
  },
  password_change_required: {
    status: 403,
    zh: '您的密码由管理员设置，请先修改密码',
    en: 'Your password was set by an administrator; change it first',
  },
  mfa_invalid: { status: 401, zh: '动态验证码不正确', en: 'The authenticator code is wrong' },
  reauth_required: {
    status: 401,
    zh: '此操作需要重新验证身份',
    en: 'Confirm your identity again to do this',
  },
  session_expired: {
    status: 401,
    zh: '会话已过期，请重新登录',
    en: 'Your session has expired; sign in again',
  },
  too_many_attempts: {
    status: 429,
    zh: '尝试次数过多，请稍后再试',
    en: 'Too many attempts; try again later',
  },
  forbidden: { status: 403, zh: '您没有权限执行此操作', en: 'You are not allowed to do this' },
  cross_site_refused: {
    status: 403,
    zh: '已拒绝来自其他网站的跨站请求，请在本平台页面中操作',
    en: 'A request sent from another site was refused; use this platform’s own pages',
  },
  not_found: { status: 404, zh: '记录不存在', en: 'Not found' },
  conflict: { status: 409, zh: '数据已被修改或已存在', en: 'Conflict with the current state' },
  invalid_state: { status: 409, zh: '当前状态不允许此操作', en: 'Not allowed in the current state' },
  idempotency_mismatch: {
    status: 422,
    zh: '幂等键已用于不同的请求',
    en: 'This Idempotency-Key was used for a different request',
  },
  idempotency_in_progress: {
    status: 409,
    zh: '相同请求正在处理中',
    en: 'The same request is still being processed',
  },
  payload_too_large: { status: 413, zh: '文件过大', en: 'The file is too large' },
  unsupported_file_type: { status: 415, zh: '不支持的文件类型', en: 'Unsupported file type' },
  storage_full: {
    status: 507,
    zh: '文件存储空间已满，文件未保存；请稍后重试，或联系管理员扩充存储',
    en: 'The file store is full and the file was not saved; try again later or ask the administrator to add space',
  },
  deadline_passed: { status: 409, zh: '申报已截止', en: 'The application window has closed' },
  internal: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error' },
} as const satisfies Record<string, CodeDef>;

/** The codes of a registered table, as members of {@link ErrorCodes}. */
export type CodeSet<T> = { readonly [K in keyof T]: true };

/**
 * Every error code, known at compile time. A module adds its codes by declaration merging in the file
 * that registers them:
 *
 * ```ts
 * export const CALL_ERRORS = registerErrorCodes({ call_incomplete: { status: 400, zh: '…', en: '…' } });
 * declare module '../../platform/errors.js' {
 *   interface ErrorCodes extends CodeSet<typeof CALL_ERRORS> {}
 * }
 * ```
 *
 * `new DomainError(code)` takes only these; the app lists every module's table (server/src/app.ts,
 * checked to cover this type) and refuses to start when one of them is not registered.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorCodes extends CodeSet<typeof PLATFORM_ERRORS> {}
export type ErrorCode = keyof ErrorCodes & string;

const CODES = new Map<string, CodeDef>(Object.entries(PLATFORM_ERRORS));

/** Registers a module's error codes (status, zh-CN and en text) and returns the table, typed. */
export function registerErrorCodes<const T extends Record<string, CodeDef>>(defs: T): T {
  for (const [k, v] of Object.entries(defs)) {
    const prev = CODES.get(k);
    if (prev && (prev.zh !== v.zh || prev.status !== v.status)) {
      throw new Error(`error code ${k} registered twice with different meaning`);
    }
    CODES.set(k, v);
  }
  return defs;
}

/**
 * The start-up check: every code has a registered HTTP status (400–599) and zh-CN and en text. Throws
 * naming each code that has none, so an unknown code stops the app instead of answering a user with 500.
 */
export function assertErrorCodesRegistered(codes: readonly string[]): void {
  const bad = codes.filter((c) => {
    const d = CODES.get(c);
    return !d || !(d.status >= 400 && d.status <= 599) || !d.zh.trim() || !d.en.trim();
  });
  if (bad.length)
    throw new Error(`error codes without a registered status and zh/en text: ${bad.join(', ')}`);
}

export function isRegisteredErrorCode(code: string): code is ErrorCode {
  return CODES.has(code);
}

export function errorCodeDef(code: string): CodeDef {
  return CODES.get(code) ?? PLATFORM_ERRORS.internal;
}

export class DomainError extends Error {
  readonly status: number;
  readonly messageZh: string;
  readonly messageEn: string;
  constructor(
    readonly code: ErrorCode,
    opts: {
      zh?: string;
      en?: string;
      fields?: FieldError[];
      params?: Record<string, unknown>;
      /** The fault behind a 5xx answer: logged, never sent to the client. */
      cause?: unknown;
      /** Seconds until the caller may try again: sent as the `Retry-After` header (429, 503). */
      retryAfterSeconds?: number;
    } = {},
  ) {
    const def = errorCodeDef(code);
    super(opts.en ?? def.en, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.status = def.status;
    this.messageZh = opts.zh ?? def.zh;
    this.messageEn = opts.en ?? def.en;
    this.fields = opts.fields ?? [];
    this.params = opts.params ?? {};
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
  readonly retryAfterSeconds: number | undefined;
  readonly fields: FieldError[];
  readonly params: Record<string, unknown>;
}

export function validationError(fields: FieldError[]): DomainError {
  return new DomainError('validation_failed', { fields });
}

export function fieldError(field: string, code: string, zh: string, en: string): FieldError {
  return { field, code, message: zh, messageEn: en };
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  message: string;
  messageEn: string;
  errors: FieldError[];
  instance?: string;
  params?: Record<string, unknown>;
}

export function toProblem(err: DomainError, instance?: string): Problem {
  return {
    type: `https://transferone.dev/problems/${err.code}`,
    title: err.messageEn,
    status: err.status,
    code: err.code,
    detail: err.messageZh,
    message: err.messageZh,
    messageEn: err.messageEn,
    errors: err.fields,
    instance,
    params: Object.keys(err.params).length ? err.params : undefined,
  };
}
