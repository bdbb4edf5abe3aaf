import type { PoolRow } from './pool.repo.js';
import type { PoolExpert } from './experts.schema.js';

const arr = (v: string[] | null | undefined) => v ?? [];

/** A pool row → the answer (contact in clear: the serializer masks it for anyone but the keepers). */
export function poolExpertDto(r: PoolRow): PoolExpert {
  return {
    userId: r.user_id,
    name: r.name,
    orgName: r.org_name,
    orgId: r.org_id,
    title: r.title,
    fields: arr(r.fields),
    keywords: arr(r.keywords),
    bio: r.bio,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    availability: Array.isArray(r.availability) ? r.availability : [],
    maxLoadPerRound: r.max_load_per_round,
    active: r.active,
    accountActive: r.account_status === 'active',
    source: r.source,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
