/**
 * The log of `npm start` for a person at a terminal: warnings and errors only (unless LOG_LEVEL says
 * otherwise), one short line each, instead of pino's JSON line per request. `serve` (production)
 * keeps the JSON lines for the log collector. The lines come already redacted (platform/log.ts).
 */
import type { LogStream } from '../platform/http/app.js';

const LEVELS: Record<number, string> = {
  10: '跟踪 TRACE',
  20: '调试 DEBUG',
  30: '信息 INFO',
  40: '警告 WARN',
  50: '错误 ERROR',
  60: '致命 FATAL',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time of the log line, HH:mm:ss in Asia/Shanghai. */
function clock(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** One pino JSON line as a short human line; a line that is not JSON is passed through. */
export function humanLogLine(line: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  const level = LEVELS[Number(o.level)] ?? String(o.level ?? '');
  const parts = [typeof o.time === 'number' ? clock(o.time) : '', level, String(o.msg ?? '')];
  const req = o.req as { method?: string; url?: string } | undefined;
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`);
  const res = o.res as { statusCode?: number } | undefined;
  if (res?.statusCode) parts.push(`→ ${res.statusCode}`);
  const err = (o.err ?? o.error) as { type?: string; message?: string } | undefined;
  if (err?.message && err.message !== o.msg) parts.push(`(${err.type ?? 'Error'}: ${err.message})`);
  return parts.filter(Boolean).join('  ');
}

/** A pino destination that writes the human lines to stderr. */
export function humanLogStream(out: { write(s: string): unknown } = process.stderr): LogStream {
  return {
    write: (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) out.write(`${humanLogLine(line)}\n`);
    },
  };
}
