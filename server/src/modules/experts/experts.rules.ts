/** Pure rules of the expert pool: availability windows (Asia/Shanghai dates, inclusive). */
import { fieldError, type FieldError } from '../../platform/errors.js';
import type { AvailabilityWindow } from './experts.tables.js';

/** Every pair of windows that overlap, named by the later window's field (`availability.1`). */
export function windowsOverlap(windows: readonly AvailabilityWindow[]): FieldError[] {
  const sorted = windows.map((w, i) => ({ ...w, i })).sort((a, b) => a.from.localeCompare(b.from));
  const out: FieldError[] = [];
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1];
    const w = sorted[k];
    if (w.from <= prev.to)
      out.push(
        fieldError(
          `availability.${w.i}`,
          'overlap',
          `可评审时间 ${w.from}～${w.to} 与 ${prev.from}～${prev.to} 重叠`,
          `Availability ${w.from}–${w.to} overlaps ${prev.from}–${prev.to}`,
        ),
      );
  }
  return out;
}

/**
 * Whether an expert can review on every day from `from` to `to` (a round's dates, Asia/Shanghai):
 * no window at all means always available; otherwise one window must cover the whole span.
 */
export function availableFor(windows: readonly AvailabilityWindow[], from: string, to: string): boolean {
  if (windows.length === 0) return true;
  return windows.some((w) => w.from <= from && to <= w.to);
}

/** `2026-03-01～2026-03-31; 2026-05-01～2026-05-15` (the spreadsheet form) ⇄ windows. */
export function formatWindows(windows: readonly AvailabilityWindow[]): string {
  return windows.map((w) => `${w.from}～${w.to}`).join('; ');
}

export function parseWindows(text: string): { windows: AvailabilityWindow[]; bad: string[] } {
  const windows: AvailabilityWindow[] = [];
  const bad: string[] = [];
  for (const part of text
    .split(/[;；,，\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{4}-\d{2}-\d{2})\s*(?:～|~|至|到|—|–|\s-\s|\/)\s*(\d{4}-\d{2}-\d{2})$/.exec(part);
    if (m) windows.push({ from: m[1], to: m[2] });
    else bad.push(part);
  }
  return { windows, bad };
}
