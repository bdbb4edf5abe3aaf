/** A __name__ row as the API answers it (the shape `__Name__Record` of __name__.schema.ts describes). */
import type { WorkflowActor } from '../../platform/workflow.js';
import type { __Name__Row } from './__name__.repo.js';
import type { __Name__Record } from './__name__.schema.js';
import { __NAME__, __NAME___STATUS, type __Name__Ref } from './__name__.workflow.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export const ref__Name__ = (r: __Name__Row): __Name__Ref => ({
  status: r.status,
  orgId: r.org_id,
  createdBy: r.created_by,
});

export function to__Name__Record(r: __Name__Row, actor: WorkflowActor | null): __Name__Record {
  const label = __NAME___STATUS[r.status];
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    amountFen: r.amount_fen == null ? null : Number(r.amount_fen),
    status: r.status,
    statusLabel: { zh: label.zh, en: label.en },
    returnReason: r.return_reason,
    orgId: r.org_id,
    createdBy: r.created_by,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    ...__NAME__.available(actor, ref__Name__(r)),
  };
}
