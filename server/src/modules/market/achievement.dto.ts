import { maskPhone } from '../../platform/mask.js';
import { ACHIEVEMENT, ACHIEVEMENT_STATUS } from './achievement.workflow.js';
import {
  OWNERSHIP,
  TRL_LABELS,
  type ContributingOrg,
  type IpItem,
  type Person,
  type ResearcherContact,
  type Who,
} from './achievement.rules.js';
import type { AchievementFullRow } from './achievement.repo.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const num = (v: number | string | null | undefined) => (v == null ? null : Number(v));

export const SOURCE_NOTES = {
  kppatent: {
    zh: '演示数据：正文为公开专利摘要（KPPatent-ZH 数据集），标题、权属单位、成熟度和领域为合成信息',
    en: 'Demo data: the text is a public patent abstract (KPPatent-ZH); title, owner, TRL and field are synthetic',
  },
  generated: { zh: '演示数据：系统生成的示例成果', en: 'Demo data: a generated sample record' },
} as const;

export function publicAchievement(r: AchievementFullRow) {
  const orgs = (r.organisations as ContributingOrg[]) ?? [];
  return {
    id: r.id,
    title: r.title,
    abstract: r.abstract,
    keywords: r.keywords ?? [],
    field: r.field,
    region: r.region,
    organisations: orgs.map((o) => ({ name: o.name, role: o.role })),
    people: ((r.people as Person[]) ?? []).map((p) => ({ name: p.name, role: p.role ?? null })),
    ipItems: (r.ip_items as IpItem[]) ?? [],
    trl: r.trl,
    trlLabel: TRL_LABELS[r.trl],
    ownership: r.ownership,
    ownershipLabel: OWNERSHIP[r.ownership],
    transferModes: (r.transfer_modes ?? []) as Array<'licence' | 'assignment' | 'equityInvestment'>,
    priceMinFen: num(r.price_min_fen),
    priceMaxFen: num(r.price_max_fen),
    owner: { id: r.owner_org_id, name: r.owner_name },
    contact: {
      techManagerName: r.tech_manager_name,
      channel: 'techManager' as const,
      note: '请通过平台联系技术经理人对接；科研人员联系方式不公开 / Enquiries go through the technology manager; researchers’ contacts are not public',
    },
    status: r.status,
    publishedAt: iso(r.published_at),
    source: r.source,
    sourceNote: r.source === 'kppatent' || r.source === 'generated' ? SOURCE_NOTES[r.source] : null,
  };
}

export function fullAchievement(r: AchievementFullRow, actor: Who) {
  const ref = { status: r.status, ownerOrgId: r.owner_org_id, createdBy: r.created_by };
  const contact = r.researcher_contact as ResearcherContact | null;
  const { actions, denials } = ACHIEVEMENT.available(actor, ref);
  return {
    ...publicAchievement(r),
    researcherContact: contact
      ? { ...contact, phone: contact.phone ? maskPhone(contact.phone) : null }
      : null,
    techManagerId: r.tech_manager_id,
    statusLabel: ACHIEVEMENT_STATUS[r.status],
    returnReason: r.return_reason,
    createdBy: r.created_by,
    reviewedAt: iso(r.reviewed_at),
    externalRef: r.external_ref,
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    actions,
    denials,
  };
}
