import type { AppContext } from '../../platform/context.js';
import { ALLOW, deny, type Decision } from '../../platform/permissions.js';
import type { Actor, Role } from '../../platform/roles.js';
import type { FileRow } from './files.repo.js';

/** Roles that may read any uploaded file (programme supervision, audit). */
export const FILE_READER_ROLES: Role[] = ['commissionStaff', 'programmeOfficeStaff', 'auditor'];

export type FileAccessCheck = (ctx: AppContext, actor: Actor, objectId: string) => Promise<Decision>;

const objectChecks = new Map<string, FileAccessCheck>();

/**
 * Lets a module grant access to files linked to its objects, e.g. reviewers of an application
 * may read its attachments: `registerFileAccessCheck('application', canReadApplication)`.
 */
export function registerFileAccessCheck(objectType: string, check: FileAccessCheck): void {
  const prev = objectChecks.get(objectType);
  if (prev && prev !== check) throw new Error(`file access check for ${objectType} registered twice`);
  objectChecks.set(objectType, check);
}

/** Who may download a file: its uploader, their organisation's admin, staff, or the linked object's check. */
export async function canReadFile(ctx: AppContext, actor: Actor, file: FileRow): Promise<Decision> {
  if (file.owner_user_id === actor.userId) return ALLOW;
  if (actor.roles.includes('orgAdmin') && actor.orgId === file.owner_org_id) return ALLOW;
  if (actor.roles.some((r) => FILE_READER_ROLES.includes(r))) return ALLOW;
  if (file.object_type && file.object_id) {
    const check = objectChecks.get(file.object_type);
    if (check) return check(ctx, actor, file.object_id);
  }
  if (actor.orgId !== file.owner_org_id) {
    return deny(
      '此文件属于其他单位，您无权查看',
      'This file belongs to another organisation',
      'file_other_org',
    );
  }
  return deny(
    '只有上传者和本单位管理员可以查看此文件',
    'Only the uploader and the organisation admin may read this file',
    'file_not_owner',
  );
}
