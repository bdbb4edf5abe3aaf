/**
 * Objections (异议) to a public notice (issue 12; seed 000 §五 "接受公众异议"): anyone, signed in or not,
 * lodges one while the notice is open, with identity, contact and statement (validateObjection names
 * every wrong field); an address may lodge a few per hour. Staff record the finding after
 * investigation (核实): upheld (异议成立, the project is not awarded, seed 003 §二 B22) or rejected.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import { appendAudit, auditEvent } from '../../platform/audit.js';
import { auditActor, type AnyCaller, type Caller } from '../../platform/caller.js';
import { enforce, transaction } from '../../platform/enforce.js';
import { DomainError, type FieldError } from '../../platform/errors.js';
import { shanghaiIso } from '../../../../shared/time.js';
import { linkFile, uploadFile } from '../files/index.js';
import {
  countObjectionsFrom,
  entriesOf,
  findNotice,
  findObjection,
  insertObjection,
  updateObjection,
} from './notice.repo.js';
import { validateObjection } from './notice.rules.js';
import { objectionRefOf } from './notice.dto.js';
import type { DecideObjectionBody, Notice, ObjectionBody, ObjectionReceipt } from './notice.schema.js';
import { getNotice, noticeNotFound, publicNoticeRow } from './notice.service.js';
import { NOTICE, OBJECTION } from './notice.workflow.js';

/** Objections one address may lodge per window (any notice): enough for a person, not for a script. */
export const OBJECTION_MAX_PER_IP = 5;
export const OBJECTION_WINDOW_MS = 60 * 60_000;

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** A refused objection: every wrong field named, and the first reasons in the message itself. */
function refused(errors: FieldError[]) {
  return new DomainError('validation_failed', {
    zh: `异议未受理：${errors.map((e) => e.message).join('；')}`,
    en: `The objection was not accepted: ${errors.map((e) => e.messageEn).join('; ')}`,
    fields: errors,
  });
}

export async function lodgeObjection(
  ctx: AppContext,
  caller: AnyCaller,
  noticeId: string,
  body: ObjectionBody,
): Promise<ObjectionReceipt> {
  const n = await publicNoticeRow(ctx, caller, noticeId);
  const entries = await entriesOf(ctx.db, [noticeId]);
  const period = {
    opensAt: new Date(n.opens_at).toISOString(),
    closesAt: new Date(n.closes_at).toISOString(),
  };
  const errors = validateObjection(
    body,
    { period, applicationIds: entries.map((e) => e.application_id) },
    caller.now,
  );
  if (errors.length) throw refused(errors);

  const ip = caller.ip ?? 'unknown';
  const since = new Date(caller.now.getTime() - OBJECTION_WINDOW_MS);
  if ((await countObjectionsFrom(ctx.db, ip, since)) >= OBJECTION_MAX_PER_IP) {
    await auditEvent(ctx.db, {
      actor: auditActor(caller),
      action: 'review.objection.throttled',
      objectType: 'review.notice',
      objectId: noticeId,
      result: 'denied',
      detail: { limit: OBJECTION_MAX_PER_IP, windowMinutes: OBJECTION_WINDOW_MS / 60_000 },
    });
    throw new DomainError('too_many_attempts', {
      zh: `同一网络地址一小时内最多提交 ${OBJECTION_MAX_PER_IP} 件异议，请稍后再试`,
      en: `At most ${OBJECTION_MAX_PER_IP} objections an hour from one address; try again later`,
      retryAfterSeconds: OBJECTION_WINDOW_MS / 1000,
    });
  }

  const evidence = await storeEvidence(ctx, caller, body.evidence ?? []);
  const id = randomUUID();
  await transaction(ctx, async (trx) => {
    // the notice may have been closed meanwhile: judge the period again on the locked row
    const cur = await findNotice(trx, noticeId, true);
    if (!cur || cur.status !== NOTICE.state.published) throw refused(closedNow());
    await insertObjection(trx, {
      id,
      notice_id: noticeId,
      application_id: body.applicationId,
      objector_name: body.name.trim(),
      contact_phone: blank(body.phone),
      contact_email: blank(body.email),
      organisation: blank(body.organisation),
      statement: body.statement.trim(),
      status: OBJECTION.initial[0],
      finding_reason: null,
      decided_by: null,
      decided_at: null,
      submitted_by: caller.actor?.userId ?? null,
      submitted_ip: ip,
      created_at: caller.now,
    });
    // the objector's contacts stay out of the audit row: the objection itself holds them
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.objection.lodge',
      objectType: 'review.objection',
      objectId: id,
      after: {
        noticeId,
        applicationId: body.applicationId,
        status: OBJECTION.initial[0],
        evidence: evidence.map((f) => ({ fileId: f.id, name: f.name, sha256: f.sha256 })),
      },
    });
    for (const f of evidence) await linkFile(trx, f.id, { objectType: 'review.objection', objectId: id });
  });
  return {
    id,
    noticeId,
    applicationId: body.applicationId,
    status: OBJECTION.initial[0],
    createdAt: caller.now.toISOString(),
    message: {
      zh: `异议已受理（${shanghaiIso(caller.now)}），我们将核实后联系您`,
      en: `Your objection was received (${caller.now.toISOString()}); we will contact you after investigating it`,
    },
  };
}

/**
 * The evidence, stored as every upload is (type by content, size limit, malware and macro checks);
 * a refused file names its place (`evidence.1`) and nothing of the objection is kept. Stored before
 * the objection's transaction; a file whose objection then fails is an orphan the sweep removes.
 */
async function storeEvidence(
  ctx: AppContext,
  caller: AnyCaller,
  files: NonNullable<ObjectionBody['evidence']>,
) {
  const out = [];
  for (const [i, f] of files.entries()) {
    try {
      out.push(
        await uploadFile(ctx, caller, {
          stream: Readable.from([Buffer.from(f.contentBase64, 'base64')]),
          filename: f.filename,
          purpose: 'review.objection.evidence',
        }),
      );
    } catch (e) {
      if (!(e instanceof DomainError) || e.status >= 500) throw e;
      const place = `evidence.${i}`;
      throw refused(
        e.fields.length
          ? e.fields.map((x) => ({ ...x, field: x.field.replace(/^file/, place) }))
          : [
              {
                field: place,
                code: e.code,
                message: `证明材料 ${f.filename}：${e.messageZh}`,
                messageEn: `Evidence ${f.filename}: ${e.messageEn}`,
              },
            ],
      );
    }
  }
  return out;
}

const closedNow = (): FieldError[] => [
  {
    field: 'notice',
    code: 'notice_closed',
    message: '公示期已结束，不再受理异议',
    messageEn: 'The notice period has ended; objections are no longer accepted',
  },
];

/** Staff record the finding: upheld (the project is not awarded) or rejected, with the reason. */
export async function decideObjection(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: DecideObjectionBody,
): Promise<Notice> {
  const noticeId = await transaction(ctx, async (trx) => {
    const o = await findObjection(trx, id, true);
    if (!o) throw new DomainError('not_found', { zh: '异议不存在', en: 'No such objection' });
    const n = await findNotice(trx, o.notice_id, true);
    if (!n) throw noticeNotFound();
    const action = body.finding === 'upheld' ? 'uphold' : 'reject';
    const ref = objectionRefOf(o, n);
    await enforce(ctx, caller, OBJECTION.decide(caller.actor, ref, action), {
      action: 'review.objection.decide',
      objectType: 'review.objection',
      objectId: id,
      trx,
    });
    if (body.version !== undefined && body.version !== o.version)
      throw new DomainError('conflict', {
        zh: '该异议已被他人修改，请刷新后重试',
        en: 'The objection was changed by someone else; reload and try again',
        params: { currentVersion: o.version },
      });
    const to = OBJECTION.transition(ref, action)!.to!;
    await updateObjection(trx, id, {
      status: to,
      finding_reason: body.reason,
      decided_by: caller.actor.userId,
      decided_at: caller.now,
      version: o.version + 1,
    });
    await appendAudit(trx, {
      actor: auditActor(caller),
      action: 'review.objection.decide',
      objectType: 'review.objection',
      objectId: id,
      before: { status: o.status },
      after: { status: to, reason: body.reason },
      detail: { noticeId: o.notice_id, applicationId: o.application_id },
    });
    return o.notice_id;
  });
  return getNotice(ctx, caller, noticeId);
}
