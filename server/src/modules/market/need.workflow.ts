/**
 * The need lifecycle (企业出题): the enterprise drafts, publishes and closes its need and edits it while
 * it is not closed; a technology manager of another organisation refines it; others answer it with a
 * solution while it is published. The only place that names a need's states; services use `NEED.state`.
 */
import { ALLOW, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './market.permissions.js';

export const NEED_STATUS = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  closed: { zh: '已关闭', en: 'Closed', terminal: true },
} as const;
export type NeedStatus = keyof typeof NEED_STATUS;

export interface NeedRef {
  status: NeedStatus;
  /** the organisation that posted the need */
  orgId: string;
}

const NOT_OWNER = {
  zh: '只有发布需求的企业可以执行此操作',
  en: 'Only the enterprise that posted the need can do this',
};
const CLOSED = { zh: '需求已关闭', en: 'The need is closed' };
/** The permission `need.write` gives the enterprise role; the guard adds its organisation. */
const byOwner = (actor: WorkflowActor, n: NeedRef) =>
  actor.orgId === n.orgId ? ALLOW : deny(NOT_OWNER.zh, NOT_OWNER.en);

export const NEED = defineWorkflow<NeedRef>()({
  name: 'market.need',
  noun: { zh: '需求', en: 'need' },
  states: NEED_STATUS,
  initial: 'draft',
  transitions: [
    {
      action: 'edit',
      from: ['draft', 'published'],
      permission: 'need.write',
      whoDenial: NOT_OWNER,
      guard: byOwner,
      label: { zh: '修改', en: 'Edit' },
      stateDenial: CLOSED,
    },
    {
      action: 'publish',
      from: 'draft',
      to: 'published',
      permission: 'need.write',
      whoDenial: NOT_OWNER,
      guard: byOwner,
      label: { zh: '发布', en: 'Publish' },
    },
    {
      action: 'close',
      from: 'published',
      to: 'closed',
      permission: 'need.write',
      whoDenial: NOT_OWNER,
      guard: byOwner,
      label: { zh: '关闭', en: 'Close' },
    },
    {
      action: 'refine',
      from: ['draft', 'published'],
      permission: 'need.refine',
      guard: (actor: WorkflowActor, n: NeedRef) =>
        actor.orgId !== n.orgId
          ? ALLOW
          : deny(
              '技术经理人不能完善本单位发布的需求',
              'A technology manager cannot refine a need of their own organisation',
            ),
      label: { zh: '完善需求', en: 'Refine' },
      stateDenial: CLOSED,
    },
    {
      action: 'answer',
      from: 'published',
      permission: 'solution.write',
      guard: (actor: WorkflowActor, n: NeedRef) =>
        actor.orgId !== n.orgId
          ? ALLOW
          : deny('不能为本单位的需求提交方案', 'You cannot answer a need of your own organisation'),
      label: { zh: '提交方案', en: 'Answer with a solution' },
      stateDenial: { zh: '需求未发布或已关闭，不能提交方案', en: 'The need is not open for solutions' },
    },
  ],
});
export type NeedAction = (typeof NEED.actionNames)[number];
export const NEED_STATUS_NAMES = NEED.stateNames;
