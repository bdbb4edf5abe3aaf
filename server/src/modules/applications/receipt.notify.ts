/**
 * Tells the people concerned about an application through the notifications service
 * (`ctx.notify`): an in-app notification plus an e-mail queued in the mail outbox, written in the
 * caller's transaction so the message exists exactly when the change commits.
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DB } from '../../platform/db-types.js';

export interface ReceiptInfo {
  applicationId: string;
  number: string;
  submittedAt: string;
  sha256: string;
  callNumber: string;
  directionTitle: string;
  projectTitle: string | null;
  orgName: string;
}

/** The receipt text in Chinese (the English one is {@link receiptBodyEn}; the reader's language picks). */
export function receiptBody(r: ReceiptInfo): string {
  return [
    `${r.orgName}：您单位的项目申报已正式提交。`,
    `回执编号：${r.number}`,
    `提交时间（北京时间）：${r.submittedAt}`,
    `申报指南：${r.callNumber}；方向：${r.directionTitle}`,
    `项目名称：${r.projectTitle ?? '（未填写）'}`,
    `申报材料摘要（SHA-256）：${r.sha256}`,
  ].join('\n');
}

export function receiptBodyEn(r: ReceiptInfo): string {
  return [
    `${r.orgName}: your organisation's application has been submitted.`,
    `Receipt number: ${r.number}`,
    `Received (Beijing time): ${r.submittedAt}`,
    `Call: ${r.callNumber}; direction: ${r.directionTitle}`,
    `Project: ${r.projectTitle ?? '(not given)'}`,
    `Digest of the package (SHA-256): ${r.sha256}`,
  ].join('\n');
}

/** The receipt to the organisation admin who submitted and to the project lead (in-app and e-mail). */
export async function notifyReceipt(
  ctx: AppContext,
  trx: Kysely<DB>,
  userIds: (string | null)[],
  r: ReceiptInfo,
) {
  if (!ctx.notify) return;
  await ctx.notify.notify(
    trx,
    userIds.filter((x): x is string => !!x),
    {
      kind: 'application.receipt',
      titleZh: `项目申报回执 ${r.number}`,
      titleEn: `Application receipt ${r.number}`,
      body: receiptBody(r),
      bodyEn: receiptBodyEn(r),
      link: `/applications/${r.applicationId}`,
      email: true,
    },
  );
}

/** A returned application: the lead and the org admins are told why. */
export async function notifyReturned(
  ctx: AppContext,
  trx: Kysely<DB>,
  userIds: (string | null)[],
  a: { applicationId: string; stage: 'org' | 'district'; reason: string },
) {
  if (!ctx.notify) return;
  const who = a.stage === 'org' ? '申报单位' : '推荐部门';
  await ctx.notify.notify(
    trx,
    userIds.filter((x): x is string => !!x),
    {
      kind: 'application.returned',
      titleZh: `项目申报被${who}退回修改`,
      titleEn: `Your application was returned by the ${a.stage === 'org' ? 'organisation' : 'district'}`,
      body: `退回理由：${a.reason}`,
      bodyEn: `Reason given: ${a.reason}`,
      link: `/applications/${a.applicationId}`,
      email: true,
    },
  );
}

/** A district recommendation (推荐部门审核通过): the lead and the org admin may now submit. */
export async function notifyRecommended(
  ctx: AppContext,
  trx: Kysely<DB>,
  userIds: (string | null)[],
  a: { applicationId: string; commitmentFen?: number | null; opinion?: string | null },
) {
  if (!ctx.notify) return;
  const wan = a.commitmentFen != null ? (a.commitmentFen / 1_000_000).toFixed(2) : null;
  await ctx.notify.notify(
    trx,
    userIds.filter((x): x is string => !!x),
    {
      kind: 'application.recommended',
      titleZh: '项目申报已获推荐部门推荐，可正式提交',
      titleEn: 'The district recommended your application: it can now be submitted',
      body: [wan ? `推荐部门承诺配套：${wan} 万元` : '', a.opinion ? `推荐意见：${a.opinion}` : '']
        .filter(Boolean)
        .join('\n'),
      bodyEn: [
        wan ? `District co-funding committed: ${wan} × 10,000 yuan` : '',
        a.opinion ? `Opinion: ${a.opinion}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      link: `/applications/${a.applicationId}`,
      email: true,
    },
  );
}
