/**
 * The panel session's rules (见面会, issue 12; seed 000 §四 第二轮见面会评审), pure: the applications
 * get consecutive slots of the session's length; a session is held on a working day of the Chinese
 * calendar, in the future, for applications of the round's shortlist that have no slot yet; the
 * minutes decide every application that had a slot, with a reason for any but a recommendation.
 */
import { shanghaiDate } from '../../../../shared/time.js';
import { fieldError, type FieldError } from '../../platform/errors.js';
import { CalendarGap, isWorkingDay } from './notice.rules.js';
import { PANEL_DECISIONS, type PanelDecision } from './panel.workflow.js';

export interface Slot {
  applicationId: string;
  position: number;
  startsAt: Date;
  endsAt: Date;
}

/** Consecutive slots from `startsAt`, in the given order. */
export function slotsFor(startsAt: Date, slotMinutes: number, applicationIds: readonly string[]): Slot[] {
  const ms = slotMinutes * 60_000;
  return applicationIds.map((applicationId, i) => ({
    applicationId,
    position: i + 1,
    startsAt: new Date(startsAt.getTime() + i * ms),
    endsAt: new Date(startsAt.getTime() + (i + 1) * ms),
  }));
}

export interface SessionFacts {
  startsAt: Date;
  now: Date;
  applicationIds: readonly string[];
  /** the round's shortlist: the applications the panel round reviews */
  scope: ReadonlySet<string>;
  /** applications that already have a slot in another session of the round */
  slotted: ReadonlySet<string>;
  /** label of an application in messages (its receipt number) */
  label: (applicationId: string) => string;
}

/** Every reason the session cannot be scheduled, on its field. */
export function checkSession(f: SessionFacts): FieldError[] {
  const errors: FieldError[] = [];
  if (f.startsAt.getTime() <= f.now.getTime())
    errors.push(
      fieldError('startsAt', 'in_past', '见面会时间须晚于当前时间', 'The session must start in the future'),
    );
  const day = shanghaiDate(f.startsAt);
  try {
    if (!isWorkingDay(day))
      errors.push(
        fieldError(
          'startsAt',
          'not_working_day',
          `${day} 不是工作日（按国务院办公厅节假日安排）`,
          `${day} is not a working day (State Council holiday schedule)`,
        ),
      );
  } catch (e) {
    if (!(e instanceof CalendarGap)) throw e;
    errors.push(
      fieldError(
        'startsAt',
        'calendar_gap',
        `${e.year} 年的法定节假日安排尚未录入，无法确认是否为工作日`,
        `The public holidays of ${e.year} are not recorded yet; the working day cannot be checked`,
      ),
    );
  }
  if (!f.applicationIds.length)
    errors.push(
      fieldError(
        'applicationIds',
        'empty',
        '请选择参加本场见面会的项目',
        'Choose the applications of this session',
      ),
    );
  const seen = new Set<string>();
  f.applicationIds.forEach((id, i) => {
    const at = `applicationIds.${i}`;
    if (seen.has(id))
      errors.push(fieldError(at, 'duplicate', `${f.label(id)} 重复列出`, `${f.label(id)} is listed twice`));
    seen.add(id);
    if (!f.scope.has(id))
      errors.push(
        fieldError(
          at,
          'not_shortlisted',
          `${f.label(id)} 未入围见面会评审`,
          `${f.label(id)} is not on the panel round's shortlist`,
        ),
      );
    else if (f.slotted.has(id))
      errors.push(
        fieldError(
          at,
          'already_slotted',
          `${f.label(id)} 已安排在其他场次答辩`,
          `${f.label(id)} already has a slot in another session`,
        ),
      );
  });
  return errors;
}

export interface MinutesDecision {
  applicationId: string;
  decision: PanelDecision;
  note?: string | undefined;
}

/** The minutes decide each slotted application exactly once; any but 建议立项 says why. */
export function checkMinutes(
  slotted: readonly string[],
  decisions: readonly MinutesDecision[],
  label: (applicationId: string) => string,
): FieldError[] {
  const errors: FieldError[] = [];
  const inSession = new Set(slotted);
  const decided = new Set<string>();
  decisions.forEach((d, i) => {
    const at = `decisions.${i}`;
    if (!inSession.has(d.applicationId))
      errors.push(
        fieldError(
          `${at}.applicationId`,
          'not_in_session',
          `${label(d.applicationId)} 不在本场见面会`,
          `${label(d.applicationId)} had no slot in this session`,
        ),
      );
    else if (decided.has(d.applicationId))
      errors.push(
        fieldError(
          `${at}.applicationId`,
          'duplicate',
          `${label(d.applicationId)} 的结论重复`,
          `${label(d.applicationId)} is decided twice`,
        ),
      );
    decided.add(d.applicationId);
    if (d.decision !== 'recommended' && !d.note?.trim()) {
      const what = PANEL_DECISIONS[d.decision];
      errors.push(
        fieldError(
          `${at}.note`,
          'required',
          `结论为“${what.zh}”时须写明理由`,
          `Say why when the decision is “${what.en}”`,
        ),
      );
    }
  });
  slotted
    .filter((id) => !decided.has(id))
    .forEach((id) =>
      errors.push(
        fieldError(
          'decisions',
          'missing',
          `缺少 ${label(id)} 的会议结论`,
          `The minutes do not decide ${label(id)}`,
        ),
      ),
    );
  return errors;
}

/**
 * The panel's scores that count in the final ranking: an application that did not attend has no panel
 * score (it did not defend, shortlist.rules.ts leaves it out of the final ranking).
 */
export function countedPanelScores(
  scores: ReadonlyMap<string, number>,
  decisions: ReadonlyMap<string, PanelDecision | null>,
): Map<string, number> {
  return new Map([...scores].filter(([id]) => decisions.get(id) !== 'absent'));
}
