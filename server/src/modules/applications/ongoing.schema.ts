/** HTTP schemas of the ongoing-projects registry (在研项目登记) import and list. */
import { z } from 'zod';
import { personal } from '../../platform/http/personal.js';

export const OngoingImportBody = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('an .xlsx exported from the commission’s project registry'),
  contentBase64: z.string().min(1).describe('the file, base64-encoded (≤ 8 MB)'),
  dryRun: z
    .boolean()
    .default(true)
    .describe('true (default): check every row and report, save nothing; false: save the valid rows'),
});
export type OngoingImportBody = z.infer<typeof OngoingImportBody>;

const RowError = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const OngoingImportReport = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    rejected: z.number().int(),
    report: z.array(
      z.object({
        row: z.number().int().describe('spreadsheet row number (header = 1)'),
        outcome: z.enum(['created', 'updated', 'rejected']),
        projectNumber: z.string().nullable(),
        leadName: personal(z.string().nullable(), 'name'),
        leadIdNumber: personal(z.string().nullable().describe('masked'), 'idNumber'),
        errors: z.array(RowError),
      }),
    ),
    columns: z.array(z.object({ key: z.string(), zh: z.string(), required: z.boolean() })),
  })
  .meta({ id: 'OngoingProjectImportReport' });
export type OngoingImportReport = z.infer<typeof OngoingImportReport>;

export const OngoingQuery = z.object({
  status: z.enum(['ongoing', 'closed']).optional(),
  idNumber: z.string().trim().max(30).optional().describe('a lead’s ID number (exact)'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const OngoingProjectDto = z.object({
  id: z.string(),
  projectNumber: z.string(),
  title: z.string(),
  programme: z.string().nullable(),
  leadName: personal(z.string(), 'name'),
  leadIdNumber: personal(z.string().describe('masked'), 'idNumber'),
  orgUscc: z.string(),
  orgName: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  status: z.enum(['ongoing', 'closed']),
  sourceFile: z.string(),
  importedAt: z.string(),
});
export const OngoingPage = z.object({ total: z.number().int(), items: z.array(OngoingProjectDto) });
