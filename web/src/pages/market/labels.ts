/** Labels of the market's pages. The option labels are shared with the server (shared/market-labels.ts). */
import * as SHARED from '../../../../shared/market-labels.js';
import type { Label, IpType, Ownership, RejectReason, TransferMode } from '../../api/types.js';

export const TRL_LABELS: Record<number, Label> = SHARED.TRL_LABELS;
export const OWNERSHIP: Record<Ownership, Label> = SHARED.OWNERSHIP;
export const TRANSFER_MODES: Record<TransferMode, Label> = SHARED.TRANSFER_MODES;
export const IP_TYPES: Record<IpType, Label> = SHARED.IP_TYPES;
export const REJECT_REASONS: Record<RejectReason, Label> = SHARED.REJECT_REASONS;

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
