/**
 * The agreement's (任务书) lifecycle: programme staff draft it from the awarded application and edit it;
 * the organisation confirms it (its admin, re-authenticated), then the commission does; staff may
 * reopen an organisation-confirmed agreement with a reason. The only file that names its states.
 * Seed 003 §一.6 (5): "与项目承担单位线上签订项目任务书".
 */
import { ALLOW, deny } from '../../platform/decision.js';
import { defineWorkflow, type WorkflowActor } from '../../platform/workflow.js';
import './projects.permissions.js';

export const AGREEMENT_STATUS = {
  draft: { zh: '起草中', en: 'Being drafted' },
  orgConfirmed: { zh: '承担单位已确认', en: 'Confirmed by the organisation' },
  confirmed: { zh: '已签订', en: 'Signed', terminal: true },
} as const;
export type AgreementStatus = keyof typeof AGREEMENT_STATUS;

export interface AgreementRef {
  status: AgreementStatus;
  orgId: string;
}

const ownOrg = (actor: WorkflowActor, r: AgreementRef) =>
  actor.orgId === r.orgId
    ? ALLOW
    : deny('只有项目承担单位可以确认任务书', 'Only the organisation that carries the project can confirm it');

export const AGREEMENT = defineWorkflow<AgreementRef>()({
  name: 'projects.agreement',
  noun: { zh: '任务书', en: 'agreement' },
  states: AGREEMENT_STATUS,
  initial: 'draft',
  transitions: [
    {
      action: 'edit',
      from: 'draft',
      permission: 'agreement.manage',
      label: { zh: '修改任务书', en: 'Edit the agreement' },
      stateDenial: {
        zh: '任务书已由承担单位确认，须先退回起草才能修改',
        en: 'The organisation has confirmed the agreement; reopen it to edit',
      },
    },
    {
      action: 'confirmOrg',
      from: 'draft',
      to: 'orgConfirmed',
      permission: 'agreement.sign',
      guard: ownOrg,
      label: { zh: '承担单位确认', en: 'Confirm for the organisation' },
    },
    {
      action: 'confirm',
      from: 'orgConfirmed',
      to: 'confirmed',
      permission: 'agreement.approve',
      label: { zh: '市科委确认签订', en: 'Confirm for the commission' },
      stateDenial: {
        zh: '须先由承担单位确认任务书',
        en: 'The organisation must confirm the agreement first',
      },
    },
    {
      action: 'reopen',
      from: 'orgConfirmed',
      to: 'draft',
      permission: 'agreement.manage',
      label: { zh: '退回起草', en: 'Reopen for drafting' },
    },
  ],
});
export type AgreementAction = (typeof AGREEMENT.actionNames)[number];
