/**
 * The papers to print and stamp (issue 11): the 申报书 and the 回执 as Word documents. Whoever may
 * read the application may download them (the same `readable` check, refusals audited as
 * `application.read`); each download is audited as an export.
 */
import { auditEvent } from '../../platform/audit.js';
import { auditActor, type Caller } from '../../platform/caller.js';
import type { AppContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { maskBySchema } from '../../platform/http/personal.js';
import { attachmentTypes } from './application.rules.js';
import { StoredContent } from './application.schema.js';
import { receiptDto } from './application.context.js';
import { findReceipt, listAttachments } from './applications.repo.js';
import { readable } from './applications.service.js';
import { renderDocx } from './document-docx.rules.js';
import { applicationPaper, receiptPaper } from './document.rules.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface Download {
  buffer: Buffer;
  filename: string;
  contentType: string;
}

/** A file name without the characters a file system refuses. */
const safeName = (s: string) =>
  s
    .replace(/[\\/:*?"<>|\r\n\t]+/g, ' ')
    .trim()
    .slice(0, 80) || '申报书';

/** The 申报书 as submitted (the receipt's package) or, before submission, as the draft stands. */
export async function applicationDocument(
  ctx: AppContext,
  caller: Caller,
  id: string,
  format: 'docx',
): Promise<Download> {
  const l = await readable(ctx, caller, id);
  const [attachments, receipt] = await Promise.all([listAttachments(ctx.db, id), findReceipt(ctx.db, id)]);
  const pkg = receipt
    ? ((typeof receipt.package === 'string' ? JSON.parse(receipt.package) : receipt.package) as {
        content?: Record<string, unknown>;
      })
    : null;
  const raw = pkg?.content ?? l.app.content;
  // people outside the organisation read the paper as they read the screen: its personal fields
  // masked by their schema kind (StoredContent) and the rule table, not by a list of key names
  const content =
    caller.actor.orgId === l.app.org_id
      ? raw
      : (maskBySchema(StoredContent, raw, caller.actor, 'other') as typeof raw);
  const labels = new Map(attachmentTypes(l.call, l.direction).map((t) => [t.type, t.label.zh]));
  const paper = applicationPaper({
    call: l.call,
    direction: l.direction,
    org: l.org,
    content,
    attachments: attachments.map((a) => ({
      typeLabel: labels.get(a.type) ?? a.type,
      name: a.name,
      sha256: a.sha256,
    })),
    receipt: receipt ? { number: receipt.number, submittedAt: receipt.submitted_at } : null,
  });
  const buffer = await renderDocx(paper);
  const title =
    typeof (raw.project as { title?: unknown })?.title === 'string'
      ? (raw.project as { title: string }).title
      : '';
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'application.document.export',
    objectType: 'application',
    objectId: id,
    detail: { format, receipt: receipt?.number ?? null, bytes: buffer.length },
  });
  return {
    buffer,
    filename: `${safeName(title || l.org.name)}-申报书.${format}`,
    contentType: DOCX_TYPE,
  };
}

/** The printed 回执 of a submitted application. */
export async function receiptDocument(
  ctx: AppContext,
  caller: Caller,
  id: string,
  format: 'docx',
): Promise<Download> {
  const l = await readable(ctx, caller, id);
  const row = await findReceipt(ctx.db, id);
  if (!row)
    throw new DomainError('not_found', {
      zh: '该申报尚未提交，没有回执',
      en: 'Not submitted yet: no receipt',
    });
  const r = receiptDto(row, l);
  const buffer = await renderDocx(receiptPaper({ ...r, submittedAt: row.submitted_at }));
  await auditEvent(ctx.db, {
    actor: auditActor(caller),
    action: 'application.receipt.export',
    objectType: 'application',
    objectId: id,
    detail: { format, receipt: r.number, bytes: buffer.length },
  });
  return { buffer, filename: `申报回执-${r.number}.${format}`, contentType: DOCX_TYPE };
}
