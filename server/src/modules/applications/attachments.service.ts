/**
 * Typed attachments: files are uploaded through the files module (POST /api/files) before the
 * final submit and linked here by id and type. The link records the file's SHA-256, which the
 * submitted package (and so the receipt's hash) covers. Reviewers read linked files through the
 * file-access check registered for object type `application`.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { auditActor, callerFor, type Caller } from '../../platform/caller.js';
import { enforce } from '../../platform/enforce.js';
import { DomainError } from '../../platform/errors.js';
import { fileMeta } from '../files/index.js';
import { linkFile } from '../files/index.js';
import { registerFileAccessCheck } from '../files/index.js';
import { attachmentTypes } from './application.rules.js';
import { canReadApplication } from './application.policy.js';
import { APPLICATION } from './application.workflow.js';
import { deleteAttachment, insertAttachment, listAttachments } from './applications.repo.js';
import { attachmentDto, loadApplication, refOf, workflowActor } from './application.context.js';
import { readable } from './applications.service.js';

registerFileAccessCheck('application', async (ctx, actor, objectId) => {
  try {
    // the files module asks with an actor (its own signature); the check builds the caller
    const caller = callerFor(ctx, actor);
    const l = await loadApplication(ctx, caller, objectId);
    return canReadApplication(await workflowActor(ctx, caller), refOf(l));
  } catch {
    return {
      allowed: false,
      code: 'forbidden',
      zh: '您无权查看该申报的附件',
      en: 'You may not read this application’s attachments',
    };
  }
});

const editing = (action: string, id: string) => ({ action, objectType: 'application', objectId: id });

export async function attach(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: { type: string; fileId: string },
) {
  const { actor } = caller;
  const l = await readable(ctx, caller, id);
  const may = APPLICATION.decide(actor, refOf(l), 'edit');
  await enforce(ctx, caller, may, editing('application.attach', id));
  const types = attachmentTypes(l.call, l.direction);
  const label = types.find((t) => t.type === body.type)?.label;
  if (!label)
    throw new DomainError('validation_failed', {
      fields: [
        {
          field: 'type',
          code: 'unknown_type',
          message: `本方向没有「${body.type}」类附件，可选：${types.map((t) => `${t.type}（${t.label.zh}）`).join('、')}`,
          messageEn: `No attachment type "${body.type}" here; choose one of ${types.map((t) => t.type).join(', ')}`,
        },
      ],
    });
  let meta;
  try {
    meta = await fileMeta(ctx, caller, body.fileId);
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'not_found' || e.code === 'forbidden'))
      throw new DomainError('validation_failed', {
        fields: [
          {
            field: 'fileId',
            code: e.code,
            message: '文件不存在或您无权使用该文件，请先上传',
            messageEn: 'No such file, or not yours: upload it first',
          },
        ],
      });
    throw e;
  }
  if (meta.ownerOrgId !== l.app.org_id)
    throw new DomainError('validation_failed', {
      fields: [
        {
          field: 'fileId',
          code: 'other_org',
          message: '只能使用本单位上传的文件',
          messageEn: 'Use a file uploaded by your organisation',
        },
      ],
    });
  const row = {
    id: randomUUID(),
    application_id: id,
    type: body.type,
    file_id: meta.id,
    name: meta.name,
    size: meta.size,
    sha256: meta.sha256,
    created_by: actor.userId,
    created_at: caller.now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertAttachment(trx, row);
    await linkFile(trx, meta.id, { objectType: 'application', objectId: id });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'application.attach',
      objectType: 'application',
      objectId: id,
      after: { type: body.type, fileId: meta.id, name: meta.name, sha256: meta.sha256 },
    });
  });
  return attachmentDto(
    { ...row, size: String(row.size) } as never,
    new Map(types.map((t) => [t.type, t.label])),
  );
}

export async function detach(ctx: AppContext, caller: Caller, id: string, attachmentId: string) {
  const l = await readable(ctx, caller, id);
  const may = APPLICATION.decide(caller.actor, refOf(l), 'edit');
  await enforce(ctx, caller, may, editing('application.detach', id));
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await deleteAttachment(trx, id, attachmentId);
    if (!gone) throw new DomainError('not_found', { zh: '附件不存在', en: 'No such attachment' });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'application.detach',
      objectType: 'application',
      objectId: id,
      before: { type: gone.type, fileId: gone.file_id, name: gone.name },
    });
  });
}

export async function attachmentsOf(ctx: AppContext, caller: Caller, id: string) {
  const l = await readable(ctx, caller, id);
  const labels = new Map(attachmentTypes(l.call, l.direction).map((t) => [t.type, t.label]));
  return { items: (await listAttachments(ctx.db, id)).map((a) => attachmentDto(a, labels)) };
}
