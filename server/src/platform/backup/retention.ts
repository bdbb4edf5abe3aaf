/**
 * Names and retention of scheduled backups (pure: the caller passes the time). A scheduled backup is
 * a folder `transferone-YYYYMMDDTHHMMSSZ` (its UTC time) in BACKUP_DIR; nothing else there is ever
 * deleted. Days and weeks are judged in the programme's time zone (Asia/Shanghai).
 */
export const BACKUP_PREFIX = 'transferone-';
const NAME = /^transferone-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function backupName(at: Date): string {
  const iso = at.toISOString(); // 2025-03-03T02:30:00.000Z
  return `${BACKUP_PREFIX}${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** The time a backup name stands for, or null when the name is not a scheduled backup's. */
export function parseBackupName(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return backupName(d) === name ? d : null;
}

function localDate(at: Date, timeZone: string): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

/** `2025-03-03`, the calendar day of `at` in `timeZone`. */
export function dayKey(at: Date, timeZone: string): string {
  const { y, m, d } = localDate(at, timeZone);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `2025-W10`, the ISO 8601 week (Monday first) of `at` in `timeZone`. */
export function weekKey(at: Date, timeZone: string): string {
  const { y, m, d } = localDate(at, timeZone);
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dow); // the Thursday of this week names its year
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface RetentionPlan {
  keep: Array<{ name: string; why: string[] }>;
  remove: string[];
}

/**
 * Which backups to keep: the newest backup of each of the `keepDaily` most recent days that have
 * one, and the newest of each of the `keepWeekly` most recent ISO weeks that have one. The newest
 * backup of all is always kept. Names that are not scheduled backups are not considered.
 */
export function planRetention(
  names: string[],
  keepDaily: number,
  keepWeekly: number,
  timeZone = 'Asia/Shanghai',
): RetentionPlan {
  const dated = names
    .map((name) => ({ name, at: parseBackupName(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime()); // newest first
  const why = new Map<string, string[]>();
  const mark = (name: string, reason: string) => why.set(name, [...(why.get(name) ?? []), reason]);
  const pick = (n: number, key: (at: Date) => string, label: string) => {
    const seen = new Set<string>();
    for (const b of dated) {
      const k = key(b.at);
      if (seen.has(k)) continue;
      if (seen.size >= n) break;
      seen.add(k);
      mark(b.name, `${label} ${k}`);
    }
  };
  pick(Math.max(1, keepDaily), (at) => dayKey(at, timeZone), 'daily');
  pick(keepWeekly, (at) => weekKey(at, timeZone), 'weekly');
  return {
    keep: dated.filter((b) => why.has(b.name)).map((b) => ({ name: b.name, why: why.get(b.name)! })),
    remove: dated.filter((b) => !why.has(b.name)).map((b) => b.name),
  };
}
