/**
 * The operations of the app's OpenAPI document and a check of an answer against what the operation
 * declares for that status (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';

const addFormats = addFormatsImport as unknown as (a: Ajv2020) => void;

export interface Operation {
  method: string;
  path: string;
  op: Record<string, any>;
}

/** Problem statuses any operation may answer with the shared Problem schema (platform/http/problem.ts). */
export const COMMON_PROBLEM_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 429];

export function operations(doc: any): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {}))
    for (const [method, op] of Object.entries<any>(item))
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
        out.push({ method: method.toUpperCase(), path, op });
  return out;
}

export function responseChecker(doc: any) {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components });
  const rebase = (s: unknown) =>
    JSON.parse(JSON.stringify(s).replaceAll('"#/components/', '"doc#/components/'));
  const cache = new Map<unknown, ReturnType<typeof ajv.compile>>();
  const compiled = (s: unknown) => {
    let v = cache.get(s);
    if (!v) cache.set(s, (v = ajv.compile(rebase(s) as object)));
    return v;
  };
  const problem = { $ref: '#/components/schemas/Problem' };
  const hasProblem = !!doc.components?.schemas?.Problem;

  /** Undefined when the answer matches its declaration, otherwise why not. */
  return (o: Operation, status: number, contentType: string, body: string): string | undefined => {
    const declared = o.op.responses?.[String(status)];
    let schema: unknown;
    if (declared) {
      const content = declared.content as Record<string, { schema?: unknown }> | undefined;
      if (!content)
        return body.length === 0 || status === 302 ? undefined : `body on a status declared without one`;
      const key = Object.keys(content).find((k) => contentType.startsWith(k.split(';')[0]!));
      const jsonish = /json/.test(contentType);
      const anyJson = content['application/json']?.schema;
      // a response declared as `z.any()` ({} in JSON Schema) is a file download (Excel, JSON Lines):
      // any content type may answer it
      if (!key && anyJson && typeof anyJson === 'object' && Object.keys(anyJson).length === 0)
        return undefined;
      if (!key && jsonish && content['application/json']) schema = content['application/json'].schema;
      else if (!key) return `content-type ${contentType} not declared (${Object.keys(content).join(', ')})`;
      else schema = content[key]!.schema;
      if (!/json/.test(key ?? 'json')) return undefined; // a file: the declaration says binary
    } else if (hasProblem && COMMON_PROBLEM_STATUSES.includes(status)) {
      if (!contentType.startsWith('application/problem+json')) return `undeclared ${status} not problem+json`;
      schema = problem;
    } else return `status ${status} not declared`;
    if (!schema) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return 'body is not JSON';
    }
    const v = compiled(schema);
    return v(parsed) ? undefined : ajv.errorsText(v.errors);
  };
}
