/**
 * @deprecated A bridge, not a pattern: `fileMeta` as the files index exports it accepts a Caller (the
 * new shape) or, for applications/ until its own branch converts it, a bare Actor and an optional ip.
 * The coordinator deletes this file after merging both branches and exports files.service's
 * `fileMeta(ctx, caller, id)` directly (issue 9, "one caller").
 */
import type { AppContext } from '../../platform/context.js';
import { callerFor, type Caller } from '../../platform/caller.js';
import type { Actor } from '../../platform/roles.js';
import { fileMeta as fileMetaFor } from './files.service.js';
import type { FileMeta } from './files.schema.js';

export function fileMeta(ctx: AppContext, who: Caller | Actor, id: string, ip?: string): Promise<FileMeta> {
  const caller = 'actor' in who && 'now' in who ? who : callerFor(ctx, who, { ip });
  return fileMetaFor(ctx, caller, id);
}
