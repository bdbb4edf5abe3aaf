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

interface CodeDef {
  status: number;
  zh: string;
  en: string;
}

const CODES: Record<string, CodeDef> = {
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
  deadline_passed: { status: 409, zh: '申报已截止', en: 'The application window has closed' },
  internal: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error' },
};

export function registerErrorCodes(defs: Record<string, CodeDef>): void {
  for (const [k, v] of Object.entries(defs)) {
    if (CODES[k] && (CODES[k].zh !== v.zh || CODES[k].status !== v.status)) {
      throw new Error(`error code ${k} registered twice with different meaning`);
    }
    CODES[k] = v;
  }
}

export function errorCodeDef(code: string): CodeDef {
  return CODES[code] ?? CODES.internal;
}

export class DomainError extends Error {
  readonly status: number;
  readonly messageZh: string;
  readonly messageEn: string;
  constructor(
    readonly code: string,
    opts: {
      zh?: string;
      en?: string;
      fields?: FieldError[];
      params?: Record<string, unknown>;
      /** The fault behind a 5xx answer: logged, never sent to the client. */
      cause?: unknown;
    } = {},
  ) {
    const def = errorCodeDef(code);
    super(opts.en ?? def.en, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.status = def.status;
    this.messageZh = opts.zh ?? def.zh;
    this.messageEn = opts.en ?? def.en;
    this.fields = opts.fields ?? [];
    this.params = opts.params ?? {};
  }
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
