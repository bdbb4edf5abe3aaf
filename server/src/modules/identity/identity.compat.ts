/**
 * @deprecated A bridge, not a pattern: `getOrg` and `createOrg` as identity's index exports them
 * accept a Caller (the new shape) or, for calls/ and applications/ until their own branch converts
 * them, a bare Actor. The coordinator deletes this file after merging both branches and exports the
 * org.service functions directly (issue 9, "one caller").
 */
import type { AppContext } from '../../platform/context.js';
import { callerFor, type Caller } from '../../platform/caller.js';
import type { Actor } from '../../platform/roles.js';
import * as orgs from './org.service.js';
import type { CreateOrgBody } from './org.schema.js';

const asCaller = (ctx: AppContext, who: Caller | Actor): Caller =>
  'actor' in who && 'now' in who ? who : callerFor(ctx, who);

export function getOrg(ctx: AppContext, who: Caller | Actor, id: string) {
  return orgs.getOrg(ctx, asCaller(ctx, who), id);
}

export function createOrg(ctx: AppContext, who: Caller | Actor, input: CreateOrgBody) {
  return orgs.createOrg(ctx, asCaller(ctx, who), input);
}
