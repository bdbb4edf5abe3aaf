/**
 * A file staff uploaded to attach to a review record (the panel's minutes, the consultation record):
 * it must exist and be the caller's own upload; otherwise the field is named, in Chinese and English.
 */
import type { AppContext } from '../../platform/context.js';
import type { Caller } from '../../platform/caller.js';
import { DomainError, fieldError, validationError } from '../../platform/errors.js';
import { fileMeta } from '../files/index.js';

export async function ownUpload(
  ctx: AppContext,
  caller: Caller,
  fileId: string,
  what: { field: string; zh: string; en: string },
) {
  let meta;
  try {
    meta = await fileMeta(ctx, caller, fileId);
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'not_found' || e.code === 'forbidden')) meta = null;
    else throw e;
  }
  if (!meta || meta.ownerUserId !== caller.actor.userId)
    throw validationError([
      fieldError(
        what.field,
        'not_found',
        `${what.zh}文件不存在或不是您上传的，请先上传`,
        `No such ${what.en} file, or not uploaded by you: upload it first`,
      ),
    ]);
  return meta;
}
