/** Organisation types (单位类型) with their labels. */
export const ORG_TYPES = {
  university: { zh: '高等院校', en: 'University' },
  researchInstitute: { zh: '科研院所', en: 'Research institute' },
  hospital: { zh: '医疗卫生机构', en: 'Hospital' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  transferInstitution: { zh: '技术转移机构', en: 'Transfer institution' },
  districtOffice: { zh: '区科委', en: 'District S&T office' },
  commission: { zh: '市科委', en: 'Commission' },
  financeBureau: { zh: '财政局', en: 'Finance bureau' },
  other: { zh: '其他', en: 'Other' },
} as const;

export type OrgType = keyof typeof ORG_TYPES;
export const ORG_TYPE_NAMES = Object.keys(ORG_TYPES) as [OrgType, ...OrgType[]];
