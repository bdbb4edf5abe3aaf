/**
 * Import and export of a call as JSON.
 *
 * importCall validates with the Zod schema and, when the input is wrong, returns every wrong field
 * (not just the first), each with its path and a zh-CN and an English message.
 * exportCall writes canonical JSON: keys in schema order (Zod's output follows the shape, whatever the
 * input order), two-space indent, trailing newline; export(import(export(c))) === export(c).
 */
import type { z } from 'zod';
import { CallSchema, type Call } from './call.schema.js';

export interface ImportFieldError {
  /** Dotted path, array indices as numbers: "topics.0.directions.1.fundingRules.capPerProjectFen". */
  path: string;
  code: string;
  message: string;
  messageEn: string;
}
export type ImportResult = { ok: true; call: Call } | { ok: false; errors: ImportFieldError[] };

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  array: '列表',
  object: '对象',
};

/** The input value at an issue's path (undefined when absent). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

const join = (path: readonly PropertyKey[]) => path.map(String).join('.');

function toErrors(issue: z.core.$ZodIssue, input: unknown): ImportFieldError[] {
  const path = join(issue.path);
  const one = (message: string, p = path): ImportFieldError => ({
    path: p || '(root)',
    code: issue.code,
    message,
    messageEn: issue.message,
  });
  switch (issue.code) {
    case 'invalid_type':
      return [
        one(
          valueAt(input, issue.path) === undefined
            ? '缺少必填字段'
            : `类型错误，应为${TYPE_ZH[issue.expected] ?? issue.expected}`,
        ),
      ];
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'array') return [one(`至少需要${n}项`)];
      if (issue.origin === 'string') return [one(n === '1' ? '不能为空' : `至少${n}个字符`)];
      return [one(`不能小于${n}`)];
    }
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'array') return [one(`最多${n}项`)];
      if (issue.origin === 'string') return [one(`最多${n}个字符`)];
      return [one(`不能大于${n}`)];
    }
    case 'invalid_format':
      return [one(`格式不正确（${issue.message}）`)];
    case 'invalid_value':
      return [one(`取值应为：${issue.values.map(String).join('、')}`)];
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({
        path: path ? `${path}.${k}` : k,
        code: issue.code,
        message: `不认识的字段「${k}」`,
        messageEn: `Unrecognized key "${k}"`,
      }));
    case 'invalid_union': {
      const opts = (issue as { options?: unknown[] }).options;
      return [one(opts ? `规则类型（kind）应为：${opts.map(String).join('、')}` : '不符合任何允许的格式')];
    }
    case 'custom': {
      const zh = (issue.params as { zh?: string } | undefined)?.zh;
      return [one(zh ?? `校验未通过：${issue.message}`)];
    }
    default:
      return [one(`校验未通过：${issue.message}`)];
  }
}

/** Validates a call given as a JSON string or an already parsed value. */
export function importCall(json: unknown): ImportResult {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      return {
        ok: false,
        errors: [
          {
            path: '(root)',
            code: 'invalid_json',
            message: `不是有效的JSON：${(e as Error).message}`,
            messageEn: `Not valid JSON: ${(e as Error).message}`,
          },
        ],
      };
    }
  }
  const r = CallSchema.safeParse(data);
  if (r.success) return { ok: true, call: r.data };
  return { ok: false, errors: r.error.issues.flatMap((i) => toErrors(i, data)) };
}

/** Canonical JSON text of a call (validates first: exporting an invalid call throws). */
export function exportCall(call: Call): string {
  return `${JSON.stringify(CallSchema.parse(call), null, 2)}\n`;
}
