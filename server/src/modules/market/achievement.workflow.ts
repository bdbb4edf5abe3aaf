/**
 * The disclosure workflow (成果披露): a researcher drafts and submits; the owning institution's transfer
 * office publishes, keeps it internal or returns it with a reason; a published record can be withdrawn.
 * The only place that names an achievement's states; services use `ACHIEVEMENT.state`.
 */
import { ALLOW, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './market.permissions.js';
import { MARKET_REFUSALS } from './market.refusals.js';

export const ACHIEVEMENT_STATUS = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交待审核', en: 'Submitted for review' },
  returned: { zh: '已退回修改', en: 'Returned for changes' },
  published: { zh: '已公开', en: 'Published' },
  internal: { zh: '内部留存', en: 'Kept internal' },
} as const;
export type AchievementStatus = keyof typeof ACHIEVEMENT_STATUS;

export interface AchievementRef {
  status: AchievementStatus;
  ownerOrgId: string;
  createdBy: string | null;
}

const REVIEW = 'achievement.review';
const NOT_REVIEWER = {
  zh: '只有成果所属单位的转化办公室（单位管理员或技术经理人）可以审核',
  en: 'Only the owning institution’s transfer office (org admin or technology manager) can review',
};

const byAuthor = (actor: WorkflowActor, a: AchievementRef) =>
  a.createdBy === actor.userId
    ? ALLOW
    : deny('只有成果登记人可以提交', 'Only the author can submit this disclosure');

/** Review: the permission gives the role; the guard adds the owning institution and no self-review. */
const byReviewer = (actor: WorkflowActor, a: AchievementRef) => {
  if (actor.orgId !== a.ownerOrgId) return deny(NOT_REVIEWER.zh, NOT_REVIEWER.en);
  if (a.createdBy === actor.userId)
    return deny(
      '不能审核自己登记的成果',
      'You cannot review a disclosure you wrote',
      MARKET_REFUSALS.self_review,
    );
  return ALLOW;
};

export const ACHIEVEMENT = defineWorkflow<
  AchievementRef,
  WorkflowActor,
  typeof MARKET_REFUSALS.self_review
>()({
  name: 'market.achievement',
  noun: { zh: '成果', en: 'achievement' },
  states: ACHIEVEMENT_STATUS,
  initial: 'draft',
  transitions: [
    {
      action: 'submit',
      from: 'draft',
      to: 'submitted',
      // the author may be an importing org admin, so no narrower permission than being signed in
      permission: 'authenticated',
      guard: byAuthor,
      label: { zh: '提交审核', en: 'Submit for review' },
    },
    {
      action: 'submit',
      from: 'returned',
      to: 'submitted',
      permission: 'authenticated',
      guard: byAuthor,
      label: { zh: '重新提交', en: 'Resubmit' },
    },
    {
      action: 'publish',
      from: 'submitted',
      to: 'published',
      permission: REVIEW,
      whoDenial: NOT_REVIEWER,
      guard: byReviewer,
      label: { zh: '审核通过并公开', en: 'Approve and publish' },
    },
    {
      action: 'keepInternal',
      from: 'submitted',
      to: 'internal',
      permission: REVIEW,
      whoDenial: NOT_REVIEWER,
      guard: byReviewer,
      label: { zh: '审核通过，内部留存', en: 'Approve, keep internal' },
    },
    {
      action: 'return',
      from: 'submitted',
      to: 'returned',
      permission: REVIEW,
      whoDenial: NOT_REVIEWER,
      guard: byReviewer,
      label: { zh: '退回修改', en: 'Return for changes' },
    },
    {
      action: 'withdraw',
      from: 'published',
      to: 'internal',
      permission: REVIEW,
      whoDenial: NOT_REVIEWER,
      guard: byReviewer,
      label: { zh: '撤回公开', en: 'Withdraw from public view' },
    },
    {
      action: 'publish',
      from: 'internal',
      to: 'published',
      permission: REVIEW,
      whoDenial: NOT_REVIEWER,
      guard: byReviewer,
      label: { zh: '公开', en: 'Publish' },
    },
  ],
});
export type AchievementAction = (typeof ACHIEVEMENT.actionNames)[number];
export const ACHIEVEMENT_STATUS_NAMES = ACHIEVEMENT.stateNames;
export const ACHIEVEMENT_ACTIONS = ACHIEVEMENT.actionNames;
/** The author and the transfer office may edit the text while it is a draft or returned. */
export const EDITABLE_ACHIEVEMENT_STATES: readonly AchievementStatus[] = [
  ACHIEVEMENT.state.draft,
  ACHIEVEMENT.state.returned,
];
/** Whether a transition is the transfer office's review (stamps reviewed_by / reviewed_at). */
export const isReview = (t: { permission: string }) => t.permission === REVIEW;
