import { z } from 'zod';

export const FileMeta = z.object({
  id: z.string().uuid(),
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  kind: z.string(),
  name: z.string(),
  ownerUserId: z.string(),
  ownerOrgId: z.string(),
  purpose: z.string().nullable(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  createdAt: z.string(),
});
export type FileMeta = z.infer<typeof FileMeta>;

export const FileIdParams = z.object({ id: z.string().uuid() });

export const UploadQuery = z.object({
  purpose: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/)
    .optional()
    .describe('用途 Purpose, e.g. application.attachment'),
});
