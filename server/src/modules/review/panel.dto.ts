/** Panel session rows → the answer panel.schema.ts describes, with the workflow's actions. */
import type { Actor } from '../../platform/roles.js';
import type { ReviewCandidate } from '../applications/index.js';
import type { PanelSessionRow, PanelSlotRow } from './panel.repo.js';
import type { PanelSession } from './panel.schema.js';
import { PANEL_DECISIONS, PANEL_SESSION, PANEL_SESSION_STATUS } from './panel.workflow.js';
import type { RoundRow } from './review.repo.js';
import { iso } from './round.dto.js';

export function panelSessionDto(
  s: PanelSessionRow,
  r: RoundRow,
  slots: readonly PanelSlotRow[],
  candidates: ReadonlyMap<string, ReviewCandidate>,
  members: PanelSession['members'],
  actor: Actor | null,
): PanelSession {
  const { actions, denials } = PANEL_SESSION.available(actor, { status: s.status, roundStatus: r.status });
  return {
    id: s.id,
    roundId: s.round_id,
    title: s.title,
    venue: s.venue,
    startsAt: iso(s.starts_at)!,
    slotMinutes: s.slot_minutes,
    status: s.status,
    statusLabel: PANEL_SESSION_STATUS[s.status],
    notifiedAt: iso(s.notified_at),
    minutesFileId: s.minutes_file_id,
    minutesNote: s.minutes_note,
    slots: slots.map((x) => {
      const c = candidates.get(x.application_id);
      return {
        applicationId: x.application_id,
        receiptNumber: c?.receiptNumber ?? null,
        projectTitle: c?.projectTitle ?? null,
        orgName: c?.orgName ?? null,
        directionCode: c?.directionCode ?? '',
        position: x.position,
        startsAt: iso(x.starts_at)!,
        endsAt: iso(x.ends_at)!,
        decision: x.decision,
        decisionLabel: x.decision ? PANEL_DECISIONS[x.decision] : null,
        decisionNote: x.decision_note,
      };
    }),
    members,
    version: s.version,
    actions,
    denials,
  };
}
