/** Option labels for the market's forms, as the server names them (achievement.rules.ts, solution.rules.ts). */
import type { Label, IpType, Ownership, RejectReason, TransferMode } from '../../api/types.js';

export const TRL_LABELS: Record<number, Label> = {
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

export const OWNERSHIP: Record<Ownership, Label> = {
  unitOwned: { zh: '单位所有', en: 'Owned by the institution' },
  grantFull: { zh: '赋权-全部所有权', en: 'Full ownership granted to the researchers' },
  grantPartial: { zh: '赋权-部分所有权', en: 'Partial ownership granted to the researchers' },
  longTermUse: { zh: '长期使用权', en: 'Long-term use right' },
};

export const TRANSFER_MODES: Record<TransferMode, Label> = {
  licence: { zh: '许可', en: 'Licence' },
  assignment: { zh: '转让', en: 'Assignment' },
  equityInvestment: { zh: '作价投资', en: 'Equity investment' },
};

export const IP_TYPES: Record<IpType, Label> = {
  patent: { zh: '专利', en: 'Patent' },
  softwareCopyright: { zh: '软件著作权', en: 'Software copyright' },
  layoutDesign: { zh: '集成电路布图设计', en: 'IC layout design' },
  plantVariety: { zh: '植物新品种', en: 'Plant variety' },
  tradeSecret: { zh: '技术秘密', en: 'Trade secret' },
  standard: { zh: '标准', en: 'Standard' },
  other: { zh: '其他', en: 'Other' },
};

export const REJECT_REASONS: Record<RejectReason, Label> = {
  tooEarly: { zh: '技术太早', en: 'Technology too early' },
  benefitUnclear: { zh: '效益不明', en: 'Benefit unclear' },
  routeUnclear: { zh: '路线不清', en: 'Technical route unclear' },
  offTarget: { zh: '不对题', en: 'Off target' },
  costTooHigh: { zh: '成本过高', en: 'Cost too high' },
  other: { zh: '其他', en: 'Other' },
};

export const SOLUTION_ACTION_LABELS: Record<string, Label> = {
  shortlist: { zh: '入围', en: 'Shortlist' },
  reject: { zh: '不采纳', en: 'Reject' },
  introduce: { zh: '对接引荐', en: 'Introduce' },
  negotiate: { zh: '进入洽谈', en: 'Negotiate' },
  sign: { zh: '签约', en: 'Sign' },
  close: { zh: '终止洽谈', en: 'Close' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
};

export const ACHIEVEMENT_ACTION_LABELS: Record<string, Label> = {
  submit: { zh: '提交审核', en: 'Submit for review' },
  publish: { zh: '审核通过并公开', en: 'Approve and publish' },
  keepInternal: { zh: '内部留存', en: 'Keep internal' },
  return: { zh: '退回修改', en: 'Return for changes' },
  withdraw: { zh: '撤回公开', en: 'Withdraw' },
};

export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  published: 'success',
  internal: 'purple',
  closed: 'default',
  shortlisted: 'cyan',
  rejected: 'error',
  introduced: 'geekblue',
  negotiating: 'gold',
  contractSigned: 'success',
  withdrawn: 'default',
  open: 'processing',
  screening: 'gold',
  resultsPublished: 'success',
};

export const NEED_STATUS: Record<string, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export const CONFIDENTIALITY: Record<string, Label> = {
  public: { zh: '公开', en: 'Public' },
  summaryOnly: { zh: '仅公开摘要', en: 'Summary only' },
  private: { zh: '不公开（仅用于匹配）', en: 'Private (matching only)' },
};

export const SOLUTION_STATUS_LABELS: Record<string, Label> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  shortlisted: { zh: '入围', en: 'Shortlisted' },
  rejected: { zh: '未入选', en: 'Rejected' },
  introduced: { zh: '已对接引荐', en: 'Introduced' },
  negotiating: { zh: '洽谈中', en: 'Negotiating' },
  contractSigned: { zh: '已签约', en: 'Contract signed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  closed: { zh: '洽谈终止', en: 'Closed without a contract' },
};
