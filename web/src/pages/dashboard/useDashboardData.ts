import { useEffect, useState } from 'react';
import { auditApi, orgsApi, usersApi } from '../../api/admin.js';
import {
  ORG_TYPES,
  ROLE_CODES,
  type AuditRecord,
  type Me,
  type OrgType,
  type PermissionName,
  type Role,
} from '../../api/types.js';
import { inShanghai } from '../../../../shared/time.js';

/** Which admin data the signed-in user may read (by the permissions /api/auth/me lists). */
export function readable(me: Me) {
  const has = (p: PermissionName) => me.permissions.includes(p);
  const any = (prefix: string) =>
    me.permissions.some((p) => p.startsWith(prefix) && /\.(read|list|view|manage)$/.test(p));
  return {
    orgs: has('org.read') || any('org.'),
    users: has('user.read') || any('user.'),
    audit: has('audit.read'),
  };
}

export interface DashboardData {
  orgTotal?: number;
  orgsByType?: Array<{ type: OrgType; count: number }>;
  userTotal?: number;
  usersByRole?: Array<{ role: Role; count: number }>;
  auditTotal?: number;
  auditToday?: number;
  auditByDay?: Array<{ day: string; count: number }>;
  auditByResult?: Array<{ result: 'ok' | 'denied' | 'failed'; count: number }>;
  myActivity?: AuditRecord[];
}

const DAYS = 14;

/** Real counts from the API: each number is the `total` of a filtered list query. */
export function useDashboardData(me: Me) {
  const [data, setData] = useState<DashboardData>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    const can = readable(me);
    const tasks: Array<Promise<Partial<DashboardData>>> = [];
    if (can.orgs) {
      tasks.push(
        Promise.all([
          orgsApi.list({ pageSize: 1 }),
          ...ORG_TYPES.map((type) =>
            orgsApi.list({ type, pageSize: 1 }).then((p) => ({ type, count: p.total })),
          ),
        ]).then(([all, ...byType]) => ({
          orgTotal: all.total,
          orgsByType: byType as Array<{ type: OrgType; count: number }>,
        })),
      );
    }
    if (can.users) {
      tasks.push(
        Promise.all([
          usersApi.list({ pageSize: 1 }),
          ...ROLE_CODES.map((role) =>
            usersApi.list({ role, pageSize: 1 }).then((p) => ({ role, count: p.total })),
          ),
        ]).then(([all, ...byRole]) => ({
          userTotal: all.total,
          usersByRole: byRole as Array<{ role: Role; count: number }>,
        })),
      );
    }
    if (can.audit) {
      const today = inShanghai().startOf('day');
      const days = Array.from({ length: DAYS }, (_, i) => today.subtract(DAYS - 1 - i, 'day'));
      tasks.push(
        Promise.all([
          auditApi.list({ pageSize: 1 }),
          Promise.all(
            days.map((d) =>
              auditApi
                .list({
                  from: d.toISOString(),
                  to: d.add(1, 'day').subtract(1, 'millisecond').toISOString(),
                  pageSize: 1,
                })
                .then((p) => ({ day: d.format('MM-DD'), count: p.total })),
            ),
          ),
          Promise.all(
            (['ok', 'denied', 'failed'] as const).map((result) =>
              auditApi.list({ result, pageSize: 1 }).then((p) => ({ result, count: p.total })),
            ),
          ),
          auditApi.list({ actorId: me.id, pageSize: 6 }),
        ]).then(([all, byDay, byResult, mine]) => ({
          auditTotal: all.total,
          auditByDay: byDay,
          auditToday: byDay[byDay.length - 1]?.count ?? 0,
          auditByResult: byResult,
          myActivity: mine.items,
        })),
      );
    }
    Promise.all(tasks)
      .then((parts) => live && setData(Object.assign({}, ...parts)))
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [me]);
  return { data, loading, error };
}
