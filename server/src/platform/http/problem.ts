import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db-types.js';
import { auditRefusal, Refusal } from '../enforce.js';
import { DomainError, fieldError, toProblem, type FieldError } from '../errors.js';

const zhMap = z.locales.zhCN().localeError as (i: unknown) => string | { message: string } | undefined;
const enMap = z.locales.en().localeError as (i: unknown) => string | { message: string } | undefined;
const msg = (m: ReturnType<typeof zhMap>) => (typeof m === 'string' ? m : (m?.message ?? ''));

export function zodIssuesToFields(issues: ReadonlyArray<any>, prefix = ''): FieldError[] {
  return issues.map((i) => {
    const path = [prefix, ...(i.path ?? [])].filter((p) => p !== '').join('.');
    const custom = i.message && !/^(Invalid|Too|Unrecognized|Expected)/.test(i.message);
    const en = custom ? i.message : msg(enMap(i)) || i.message;
    const zh = custom ? i.message : (msg(zhMap(i)) || i.message).replace(/，实际接收 undefined$/, '');
    return fieldError(path || '(body)', i.code ?? 'invalid', zh, en.replace(/, received undefined$/, ''));
  });
}

/**
 * Every error leaves as application/problem+json with zh-CN and en messages and the invalid fields.
 * A refusal that reaches here unaudited (thrown inside a transaction not run through
 * platform/enforce.ts `transaction`) is audited now, so no denial goes unrecorded.
 */
export function installProblemHandler(app: FastifyInstance, db?: Kysely<DB>): void {
  app.setErrorHandler(async (err: FastifyError | DomainError | Error, req, reply) => {
    if (err instanceof Refusal && db) await auditRefusal(db, err);
    let de: DomainError;
    if (err instanceof DomainError) {
      de = err;
      if (de.status >= 500) req.log.error({ err: de.cause ?? de }, `${de.code}`);
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as any).validationContext as string | undefined;
      const issues = err.validation.map((v: any) => ({
        ...(v.params ?? {}),
        code: v.keyword,
        message: v.message,
        path: String(v.instancePath ?? '')
          .split('/')
          .slice(1)
          .filter(Boolean),
      }));
      const fields = zodIssuesToFields(issues, where && where !== 'body' ? where : '');
      de = new DomainError('validation_failed', { fields });
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response failed its schema');
      de = new DomainError('internal');
    } else if ((err as FastifyError).statusCode === 429) {
      de = new DomainError('too_many_attempts');
    } else if (
      (err as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE' ||
      (err as FastifyError).statusCode === 413
    ) {
      de = new DomainError('payload_too_large');
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      de = new DomainError('unsupported_file_type', {
        zh: '不支持的请求内容类型',
        en: 'Unsupported request content type',
      });
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
      const e = err as FastifyError;
      de = new DomainError('validation_failed', {
        zh: '请求格式有误',
        en: e.message,
        fields: [fieldError('(request)', e.code ?? 'bad_request', '请求格式有误', e.message)],
      });
    } else {
      req.log.error({ err }, 'unhandled error');
      de = new DomainError('internal');
    }
    const problem = toProblem(de, req.url);
    if (de.retryAfterSeconds !== undefined) {
      reply.header('Retry-After', String(Math.max(1, Math.ceil(de.retryAfterSeconds))));
    }
    return reply.status(de.status).type('application/problem+json; charset=utf-8').send(problem);
  });
  app.setNotFoundHandler((req, reply) => {
    const de = new DomainError('not_found', {
      zh: '页面或接口不存在',
      en: `No route ${req.method} ${req.url}`,
    });
    reply.status(404).type('application/problem+json; charset=utf-8').send(toProblem(de, req.url));
  });
}

/**
 * Fastify's router answers a path that is not valid percent-encoding (`FST_ERR_BAD_URL`) and a path
 * parameter past its length limit (`FST_ERR_MAX_PARAM_LENGTH`, 414) with its own JSON; this makes
 * them the same 400 problem+json as any invalid path parameter (the buildHttpApp `frameworkErrors`).
 */
export function frameworkErrorProblem(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const zh = tooLong ? '路径参数过长' : '路径参数不是有效的 URL 编码';
  const en = tooLong ? 'A path parameter is too long' : 'A path parameter is not valid URL encoding';
  const de = new DomainError('validation_failed', {
    zh,
    en,
    fields: [fieldError('params', err.code ?? 'invalid', zh, en)],
  });
  const url = req.url.length > 200 ? `${req.url.slice(0, 200)}…` : req.url;
  void reply.status(de.status).type('application/problem+json; charset=utf-8').send(toProblem(de, url));
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    message: z.string(),
    messageEn: z.string(),
    errors: z.array(
      z.object({ field: z.string(), code: z.string(), message: z.string(), messageEn: z.string() }),
    ),
    instance: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with zh-CN and en messages' });
