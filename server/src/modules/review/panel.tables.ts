import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db-types.js';
import type { PanelDecision, PanelSessionStatus } from './panel.workflow.js';

type Created = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * The panel round's sessions (见面会, migration 0052_review_panel.ts): when and where the panel sits,
 * the slot of each shortlisted application, and the minutes once it has sat.
 */
export interface ReviewPanelSessionTable {
  id: string;
  round_id: string;
  title: string;
  venue: string;
  starts_at: Timestamp;
  slot_minutes: number;
  status: Generated<PanelSessionStatus>;
  /** the signed minutes (会议纪要), an uploaded file */
  minutes_file_id: string | null;
  minutes_note: string | null;
  notified_at: Timestamp | null;
  created_by: string;
  created_at: Created;
  updated_at: Created;
  version: Generated<number>;
}

export interface ReviewPanelSlotTable {
  session_id: string;
  round_id: string;
  application_id: string;
  position: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  decision: PanelDecision | null;
  decision_note: string | null;
}

declare module '../../platform/db-types.js' {
  interface DB {
    review_panel_sessions: ReviewPanelSessionTable;
    review_panel_slots: ReviewPanelSlotTable;
  }
}
