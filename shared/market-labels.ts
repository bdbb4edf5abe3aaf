/**
 * The technology market's option labels, shared by server and web (one copy, zh first): 技术成熟度,
 * ownership (赋权), transfer modes, kinds of intellectual property, and the enterprise's coded
 * reasons for not taking a solution (阅卷结果). The keys are the API's values.
 */
import type { ZhEn } from './i18n.js';

/** 技术成熟度 1..9 with the labels the UI shows (GB/T 22900 levels, abbreviated). */
export const TRL_LABELS: Record<number, ZhEn> = {
  1: { zh: '基本原理被发现', en: 'Basic principles observed' },
  2: { zh: '形成技术概念', en: 'Technology concept formulated' },
  3: { zh: '关键功能验证', en: 'Proof of concept' },
  4: { zh: '实验室环境验证', en: 'Validated in the laboratory' },
  5: { zh: '相关环境验证', en: 'Validated in a relevant environment' },
  6: { zh: '原型在相关环境演示', en: 'Prototype demonstrated in a relevant environment' },
  7: { zh: '原型在使用环境演示', en: 'Prototype demonstrated in the operational environment' },
  8: { zh: '系统完成并通过试验', en: 'System complete and qualified' },
  9: { zh: '实际应用验证', en: 'Proven in operation' },
};

export const OWNERSHIP = {
  unitOwned: { zh: '单位所有', en: 'Owned by the institution' },
  grantFull: { zh: '赋权-全部所有权', en: 'Full ownership granted to the researchers' },
  grantPartial: { zh: '赋权-部分所有权', en: 'Partial ownership granted to the researchers' },
  longTermUse: { zh: '长期使用权', en: 'Long-term use right' },
} as const;

export const TRANSFER_MODES = {
  licence: { zh: '许可', en: 'Licence' },
  assignment: { zh: '转让', en: 'Assignment' },
  equityInvestment: { zh: '作价投资', en: 'Equity investment' },
} as const;

export const IP_TYPES = {
  patent: { zh: '专利', en: 'Patent' },
  softwareCopyright: { zh: '软件著作权', en: 'Software copyright' },
  layoutDesign: { zh: '集成电路布图设计', en: 'IC layout design' },
  plantVariety: { zh: '植物新品种', en: 'Plant variety' },
  tradeSecret: { zh: '技术秘密', en: 'Trade secret' },
  standard: { zh: '标准', en: 'Standard' },
  other: { zh: '其他', en: 'Other' },
} as const;

/** The enterprise's coded reasons for not taking a solution (阅卷结果). */
export const REJECT_REASONS = {
  tooEarly: { zh: '技术太早', en: 'Technology too early' },
  benefitUnclear: { zh: '效益不明', en: 'Benefit unclear' },
  routeUnclear: { zh: '路线不清', en: 'Technical route unclear' },
  offTarget: { zh: '不对题', en: 'Off target' },
  costTooHigh: { zh: '成本过高', en: 'Cost too high' },
  other: { zh: '其他', en: 'Other' },
} as const;
