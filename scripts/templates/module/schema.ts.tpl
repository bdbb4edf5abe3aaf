/** The __name__ module's HTTP shapes (Zod): request bodies and queries, and the answers. */
import { z } from 'zod';
import { DenialSchema, PageQuerySchema, ZhEnSchema } from '../../platform/http/schemas.js';
import { __NAME__ } from './__name__.workflow.js';

/** Money in fen (分), a non-negative integer; the web converts 万元 with shared/money.ts. */
const Fen = z.number().int().min(0).max(1e15);

const Fields = z.object({
  title: z.string().trim().min(2).max(200),
  summary: z.string().trim().max(5000).default(''),
  amountFen: Fen.nullish(),
});
export const Create__Name__Body = Fields;
export type Create__Name__Body = z.infer<typeof Create__Name__Body>;
export const Patch__Name__Body = Fields.partial().extend({ version: z.number().int().min(1) });
export type Patch__Name__Body = z.infer<typeof Patch__Name__Body>;
/** publish-like actions: the version the caller saw (a stale one is answered 409) */
export const __Name__ActionBody = z.object({
  version: z.number().int().min(1).optional(),
  reason: z.string().trim().min(2).max(1000).optional().describe('return: why the record goes back'),
});
export type __Name__ActionBody = z.infer<typeof __Name__ActionBody>;
export const __Name__Query = PageQuerySchema.extend({ status: z.enum(__NAME__.stateNames).optional() });
export type __Name__Query = z.infer<typeof __Name__Query>;

export const __Name__Record = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    amountFen: z.number().int().nullable(),
    status: z.enum(__NAME__.stateNames),
    statusLabel: ZhEnSchema,
    returnReason: z.string().nullable(),
    orgId: z.string(),
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: z.string().describe('ISO instant (UTC); the web shows it in Asia/Shanghai'),
    updatedAt: z.string(),
    actions: z.array(z.string()).describe('what the caller may do now'),
    denials: z.array(DenialSchema).describe('why the other actions of this state are not available'),
  })
  .meta({ id: '__Name__Record' });
export type __Name__Record = z.infer<typeof __Name__Record>;
export const __Name__Page = z.object({ total: z.number().int(), items: z.array(__Name__Record) });
