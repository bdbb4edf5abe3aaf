import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { DomainError, fieldError, validationError, type FieldError } from '../../platform/errors.js';
import { maskPhone } from '../../platform/mask.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import { enforce } from '../../platform/enforce.js';
import { canReadOrg, canUpdateOrg, orgScope } from './identity.policy.js';
import type { OrgTable } from './identity.tables.js';
import { findOrg, findOrgByUscc, insertOrg, listOrgs, updateOrg } from './org.repo.js';
import { ORG_TYPES } from './org.rules.js';
import type { CreateOrgBody, OrgQuery, PatchOrgBody } from './org.schema.js';
import { usccMessage, validateUscc } from './uscc.rules.js';

type OrgRow = Selectable<OrgTable>;

export function orgDto(o: OrgRow) {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    typeLabel: { ...ORG_TYPES[o.type] },
    uscc: o.uscc,
    region: o.region,
    address: o.address,
    contactName: o.contact_name,
    contactPhone: o.contact_phone ? maskPhone(o.contact_phone) : null,
    status: o.status,
    version: o.version,
    createdAt: new Date(o.created_at).toISOString(),
    updatedAt: new Date(o.updated_at).toISOString(),
  };
}

/** The audit view of an org: raw values (appendAudit masks the phone). */
const auditView = (o: Partial<OrgRow>) => ({
  name: o.name,
  type: o.type,
  uscc: o.uscc,
  region: o.region,
  address: o.address,
  contactName: o.contact_name,
  phone: o.contact_phone,
  status: o.status,
});

function usccErrors(uscc: string | undefined): { value?: string; errors: FieldError[] } {
  if (uscc === undefined) return { errors: [] };
  const r = validateUscc(uscc);
  if (r.ok) return { value: r.value, errors: [] };
  const m = usccMessage(r.problem);
  return { errors: [fieldError('uscc', r.problem.code, m.zh, m.en)] };
}

async function assertUsccFree(ctx: AppContext, uscc: string, selfId?: string) {
  const other = await findOrgByUscc(ctx.db, uscc);
  if (other && other.id !== selfId) {
    throw new DomainError('conflict', {
      zh: '该统一社会信用代码已登记',
      en: 'An organisation with this credit code already exists',
      fields: [
        fieldError(
          'uscc',
          'uscc_taken',
          `该统一社会信用代码已由“${other.name}”登记`,
          `Already registered by “${other.name}”`,
        ),
      ],
    });
  }
}

export async function listOrgsFor(ctx: AppContext, caller: Caller, q: OrgQuery) {
  const { total, items } = await listOrgs(ctx.db, { ...q, ...orgScope(caller.actor) });
  return { total, items: items.map(orgDto) };
}

export async function getOrg(ctx: AppContext, caller: Caller, id: string) {
  const o = await findOrg(ctx.db, id);
  if (!o) throw new DomainError('not_found', { zh: '单位不存在', en: 'No such organisation' });
  await enforce(ctx, caller, canReadOrg(caller.actor, o), {
    action: 'org.read',
    objectType: 'org',
    objectId: id,
  });
  return orgDto(o);
}

export async function createOrg(ctx: AppContext, caller: Caller, input: CreateOrgBody) {
  const u = usccErrors(input.uscc);
  if (u.errors.length) throw validationError(u.errors);
  await assertUsccFree(ctx, u.value!);
  const now = ctx.now();
  const row = {
    id: randomUUID(),
    name: input.name,
    type: input.type,
    uscc: u.value!,
    region: input.region,
    address: input.address ?? null,
    contact_name: input.contactName ?? null,
    contact_phone: input.contactPhone ?? null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertOrg(trx, row);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'org.create',
      objectType: 'org',
      objectId: row.id,
      after: auditView(row),
    });
  });
  return orgDto((await findOrg(ctx.db, row.id))!);
}

export async function patchOrg(ctx: AppContext, caller: Caller, id: string, input: PatchOrgBody) {
  const current = await findOrg(ctx.db, id);
  if (!current) throw new DomainError('not_found', { zh: '单位不存在', en: 'No such organisation' });
  await enforce(ctx, caller, canUpdateOrg(caller.actor, current, input), {
    action: 'org.update',
    objectType: 'org',
    objectId: id,
  });
  const u = usccErrors(input.uscc);
  if (u.errors.length) throw validationError(u.errors);
  if (u.value && u.value !== current.uscc) await assertUsccFree(ctx, u.value, id);
  const set: Partial<OrgRow> = {};
  const put = <K extends keyof OrgRow>(k: K, v: OrgRow[K] | undefined) => {
    if (v !== undefined && v !== current[k]) set[k] = v;
  };
  put('name', input.name);
  put('type', input.type);
  put('uscc', u.value);
  put('region', input.region);
  put('address', input.address);
  put('contact_name', input.contactName);
  put('contact_phone', input.contactPhone);
  put('status', input.status);
  if (!Object.keys(set).length) return orgDto(current);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await findOrg(trx, id, true))!;
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, locked[k as keyof OrgRow]]));
    await updateOrg(trx, id, { ...set, updated_at: ctx.now(), version: locked.version + 1 } as any);
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'org.update',
      objectType: 'org',
      objectId: id,
      before: auditView(before),
      after: auditView(set),
    });
  });
  return orgDto((await findOrg(ctx.db, id))!);
}
