import { normalize } from './tokenizer.js';

export interface HighlightOptions {
  pre?: string;
  post?: string;
  /** longest snippet in characters; the window is centred on the densest match (0 = whole text) */
  maxLength?: number;
}

/** Character ranges [start, end) where any of the terms occurs (case- and width-insensitive), merged. */
export function findSpans(text: string, terms: readonly string[]): [number, number][] {
  const norm = normalize(text);
  const spans: [number, number][] = [];
  const uniq = [...new Set(terms.map((t) => normalize(t)).filter((t) => t.length > 0))];
  for (const t of uniq) {
    let from = 0;
    for (;;) {
      const at = norm.indexOf(t, from);
      if (at < 0) break;
      spans.push([at, at + t.length]);
      from = at + t.length;
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Marks the terms in text (HTML-escaped, `<mark>` by default). With maxLength, returns the window
 * of that length holding the most marked characters, with '…' where text was cut.
 */
export function highlight(text: string, terms: readonly string[], opts: HighlightOptions = {}): string {
  const pre = opts.pre ?? '<mark>';
  const post = opts.post ?? '</mark>';
  const spans = findSpans(text, terms);
  let from = 0;
  let to = text.length;
  const max = opts.maxLength ?? 0;
  if (max > 0 && text.length > max) {
    let best = 0;
    let bestStart = 0;
    for (let i = 0; i < spans.length; i++) {
      const start = Math.max(0, Math.min(spans[i][0] - Math.floor(max / 4), text.length - max));
      let covered = 0;
      for (const s of spans) covered += Math.max(0, Math.min(s[1], start + max) - Math.max(s[0], start));
      if (covered > best) {
        best = covered;
        bestStart = start;
      }
    }
    from = bestStart;
    to = bestStart + max;
  }
  let out = from > 0 ? '…' : '';
  let pos = from;
  for (const [s0, s1] of spans) {
    if (s1 <= from || s0 >= to) continue;
    const a = Math.max(s0, from);
    const b = Math.min(s1, to);
    out += escapeHtml(text.slice(pos, a)) + pre + escapeHtml(text.slice(a, b)) + post;
    pos = b;
  }
  out += escapeHtml(text.slice(pos, to));
  if (to < text.length) out += '…';
  return out;
}
