import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
import { zodIssuesToFields } from '../../platform/http/problem.js';
import { marketChanged } from './market.events.js';
import { RESEARCH_ORG_TYPES, canEditAchievement } from './achievement.rules.js';
import { CreateAchievementBody, type ImportReport } from './achievement.schema.js';
import { findByExternalRef, insertAchievement, orgInfo, updateAchievement } from './achievement.repo.js';
import { IMPORT_COLUMNS, formatOf, readRows, toBody } from './achievement.parse.js';
import { achievementColumns } from './achievement.service.js';
import { ACHIEVEMENT } from './achievement.workflow.js';

/**
 * Bulk import of achievements from .xlsx, .csv or .json into the importer's institution as drafts.
 * Every row is reported: created, updated (same 外部编号 in this institution, still editable) or
 * rejected with every field error in zh and en. Valid rows are saved together in one transaction.
 */
export async function importAchievements(
  ctx: AppContext,
  caller: Caller,
  input: { filename: string; contentBase64: string; dryRun: boolean },
): Promise<ImportReport> {
  const { actor } = caller;
  const format = formatOf(input.filename);
  if (!format)
    throw new DomainError('validation_failed', {
      fields: [
        fieldError(
          'filename',
          'unsupported_format',
          '只支持 .xlsx、.csv 或 .json 文件',
          'Only .xlsx, .csv or .json files are accepted',
        ),
      ],
    });
  const org = await orgInfo(ctx.db, actor.orgId);
  if (!org || !(RESEARCH_ORG_TYPES as readonly string[]).includes(org.type))
    throw new DomainError('forbidden', {
      zh: '只有高校、科研院所或医疗卫生机构可以导入成果',
      en: 'Only universities, research institutes and hospitals import achievements',
    });
  const buf = Buffer.from(input.contentBase64, 'base64');
  if (buf.byteLength > 8 * 1024 * 1024) throw new DomainError('payload_too_large');
  let raw;
  try {
    raw = await readRows(format, buf);
  } catch (e) {
    throw new DomainError('validation_failed', {
      fields: [
        fieldError(
          'contentBase64',
          'unreadable',
          `文件无法读取：${(e as Error).message}`,
          `The file cannot be read: ${(e as Error).message}`,
        ),
      ],
    });
  }
  const report: ImportReport['report'] = [];
  const toWrite: Array<{
    row: number;
    id: string;
    existing: boolean;
    columns: Record<string, unknown>;
    ref?: string;
    version?: number;
  }> = [];
  const seenRefs = new Map<string, number>();
  for (const r of raw) {
    const { body, errors } = toBody(r.values);
    const parsed = CreateAchievementBody.safeParse(body);
    const fieldErrors: FieldError[] = [...errors];
    if (!parsed.success)
      for (const f of zodIssuesToFields(parsed.error.issues))
        if (!fieldErrors.some((e) => e.field === f.field)) fieldErrors.push(f);
    for (const c of IMPORT_COLUMNS)
      if (
        c.required &&
        (r.values[c.key] == null || r.values[c.key] === '') &&
        !fieldErrors.some((e) => e.field === c.key)
      )
        fieldErrors.push(
          fieldError(c.key, 'required', `缺少必填列“${c.zh}”`, `Required column “${c.key}” is empty`),
        );
    const ref =
      r.values.externalRef == null || r.values.externalRef === ''
        ? undefined
        : String(r.values.externalRef).trim();
    if (ref && seenRefs.has(ref))
      fieldErrors.push(
        fieldError(
          'externalRef',
          'duplicate',
          `外部编号与第${seenRefs.get(ref)}行重复`,
          `Same externalRef as row ${seenRefs.get(ref)}`,
        ),
      );
    if (ref) seenRefs.set(ref, r.row);
    let existing: Awaited<ReturnType<typeof findByExternalRef>>;
    if (ref && fieldErrors.length === 0) {
      existing = await findByExternalRef(ctx.db, actor.orgId, ref);
      if (existing) {
        const d = canEditAchievement(actor, {
          status: existing.status,
          ownerOrgId: existing.owner_org_id,
          createdBy: existing.created_by,
        });
        if (!d.allowed) fieldErrors.push(fieldError('externalRef', 'not_editable', d.zh, d.en));
      }
    }
    const title = typeof body.title === 'string' ? body.title : null;
    if (fieldErrors.length > 0 || !parsed.success) {
      report.push({ row: r.row, outcome: 'rejected', id: existing?.id ?? null, title, errors: fieldErrors });
      continue;
    }
    const id = existing?.id ?? randomUUID();
    report.push({ row: r.row, outcome: existing ? 'updated' : 'created', id, title, errors: [] });
    toWrite.push({
      row: r.row,
      id,
      existing: !!existing,
      columns: achievementColumns(parsed.data),
      ref,
      version: existing?.version,
    });
  }
  if (!input.dryRun && toWrite.length > 0) {
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      for (const w of toWrite) {
        if (w.existing)
          await updateAchievement(trx, w.id, {
            ...(w.columns as Record<string, never>),
            version: (w.version ?? 1) + 1,
            updated_at: now,
          });
        else
          await insertAchievement(trx, {
            id: w.id,
            ...(w.columns as Record<string, never>),
            region: org.region,
            owner_org_id: actor.orgId,
            created_by: actor.userId,
            status: ACHIEVEMENT.state.draft,
            source: 'import',
            external_ref: w.ref ?? null,
            created_at: now,
            updated_at: now,
          } as never);
        await appendAudit(trx, {
          actor: auditActor(caller),
          action: w.existing ? 'market.achievement.update' : 'market.achievement.create',
          objectType: 'achievement',
          objectId: w.id,
          detail: { import: input.filename, row: w.row },
        });
      }
    });
    await marketChanged(ctx, { achievement: toWrite.map((w) => w.id) });
  }
  const count = (o: string) => report.filter((r) => r.outcome === o).length;
  return {
    format,
    dryRun: input.dryRun,
    rows: raw.length,
    created: count('created'),
    updated: count('updated'),
    rejected: count('rejected'),
    report,
    columns: IMPORT_COLUMNS.map((c) => ({ key: c.key, zh: c.zh, required: c.required })),
  };
}
