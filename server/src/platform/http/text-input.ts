import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldError, validationError, type FieldError } from '../errors.js';

/**
 * Every string a request carries must be text the database can store: well-formed Unicode (no
 * unpaired surrogate, which PostgreSQL refuses as invalid UTF-8) and no NUL (U+0000, which a `text`
 * column cannot hold). Checked once for every route, before its schema, so no such input reaches a
 * handler and each is answered 400 naming the field (issue 10, fix first 3).
 */
const MAX_DEPTH = 32;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

export function textInputProblems(
  value: unknown,
  path: string,
  out: FieldError[] = [],
  depth = 0,
): FieldError[] {
  if (typeof value === 'string') {
    const field = path || '(body)';
    if (value.includes('\u0000'))
      out.push(
        fieldError(
          field,
          'nul_character',
          '不能包含空字符（U+0000）',
          'must not contain the NUL character (U+0000)',
        ),
      );
    if (!wellFormed(value))
      out.push(
        fieldError(
          field,
          'invalid_unicode',
          '含有无效的 Unicode 字符（孤立的代理项）',
          'contains invalid Unicode (an unpaired surrogate)',
        ),
      );
  } else if (value && typeof value === 'object' && depth < MAX_DEPTH && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000') || !wellFormed(k))
        out.push(
          fieldError(p, 'invalid_key', '字段名含有无效字符', 'the field name contains invalid characters'),
        );
      textInputProblems(v, p, out, depth + 1);
    }
  }
  return out;
}

/**
 * Refuses a request whose body, query or path parameters hold a string that is not storable text.
 * Fields are named as the schema's errors name them: `username`, `querystring.field`, `params.id`.
 */
export function installTextInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    const problems = [
      ...textInputProblems(req.params, 'params'),
      ...textInputProblems(req.query, 'querystring'),
      ...textInputProblems(req.body, ''),
    ];
    if (problems.length) throw validationError(problems);
  });
}
