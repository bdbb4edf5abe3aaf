import type { Insertable } from 'kysely';
import type { Db } from './identity.repo.js';
import type { OrgTable } from './identity.tables.js';
import type { OrgQuery } from './org.schema.js';

const like = (s: string) => `%${s.replace(/[%_\\]/g, (m) => '\\' + m)}%`;

export async function listOrgs(db: Db, q: OrgQuery & { orgId?: string }) {
  let base = db.selectFrom('orgs');
  if (q.orgId) base = base.where('id', '=', q.orgId);
  if (q.type) base = base.where('type', '=', q.type);
  if (q.q) {
    const l = like(q.q);
    base = base.where((eb) =>
      eb.or([eb('name', 'ilike', l), eb('uscc', 'ilike', l), eb('region', 'ilike', l)]),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const items = await base
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(total?.n ?? 0), items };
}

export function findOrg(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('orgs').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findOrgByUscc(db: Db, uscc: string) {
  return db.selectFrom('orgs').select(['id', 'name']).where('uscc', '=', uscc).executeTakeFirst();
}

export async function insertOrg(db: Db, row: Insertable<OrgTable>) {
  await db.insertInto('orgs').values(row).execute();
}

export async function updateOrg(
  db: Db,
  id: string,
  set: Partial<Insertable<OrgTable>> & { version?: number },
) {
  await db.updateTable('orgs').set(set).where('id', '=', id).execute();
}
