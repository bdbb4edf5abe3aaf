import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import type { AuditQuery } from './audit.schema.js';

/**
 * A page of the log, newest first, with the actor's name and organisation's name (identity's users and
 * orgs, joined for names). `q` matches the actor's label or name, the organisation's name, the object id,
 * or an action among `actionsForText` (the actions whose label contains the text, audit.labels.ts).
 */
export async function findAudit(db: Kysely<DB>, q: AuditQuery, actionsForText: string[] = []) {
  let base = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('orgs', 'orgs.id', 'audit_log.actor_org_id');
  if (q.action)
    base = q.action.endsWith('.')
      ? base.where('action', 'like', `${q.action}%`)
      : base.where('action', '=', q.action);
  if (q.actorId) base = base.where('actor_id', '=', q.actorId);
  if (q.objectType) base = base.where('object_type', '=', q.objectType);
  if (q.objectId) base = base.where('object_id', '=', q.objectId);
  if (q.result) base = base.where('result', '=', q.result);
  if (q.from) base = base.where('at', '>=', new Date(q.from));
  if (q.to) base = base.where('at', '<', new Date(q.to));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (m) => '\\' + m)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('actor_label', 'like', like),
        eb('object_id', 'like', like),
        eb('users.name', 'like', like),
        eb('orgs.name', 'like', like),
        ...(actionsForText.length ? [eb('action', 'in', actionsForText)] : []),
      ]),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const items = await base
    .selectAll('audit_log')
    .select(['users.name as actor_name', 'orgs.name as actor_org_name'])
    .orderBy('seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total: Number(total?.n ?? 0), items };
}

/** Every registered archive of pruned audit rows (platform/audit-archive.ts), newest first. */
export async function listArchives(db: Kysely<DB>) {
  return db.selectFrom('audit_archives').selectAll().orderBy('first_seq', 'desc').execute();
}
