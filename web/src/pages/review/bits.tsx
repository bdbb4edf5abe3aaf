/** Small shared pieces of the expert review pages. */
import type { RKey } from './i18n.js';

export const TASK_STATUS_COLOR: Record<string, string> = {
  assigned: 'blue',
  accepted: 'processing',
  declined: 'default',
  replaced: 'default',
  submitted: 'green',
};

export const ROUND_STATUS_COLOR: Record<string, string> = {
  preparing: 'default',
  open: 'green',
  closed: 'volcano',
};

type R = (key: RKey, params?: Record<string, string | number>) => string;

export const roundLabel = (r: R, kind: string, n: number) =>
  r(kind === 'panelReview' ? 'round.panelReview' : 'round.remoteReview', { n });
