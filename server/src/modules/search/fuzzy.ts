import { growU32 } from './postings.js';
import { normalize } from './tokenizer.js';

/** Grams as int32 numbers (two UTF-16 units; the start marker is unit 1): small integers hash cheaply and need no heap object. */
export function gramKeys(title: string): number[] {
  const s = normalize(title).replace(/\s+/g, '');
  if (s.length === 0) return [];
  const out = [(1 << 16) | s.charCodeAt(0)];
  for (let i = 0; i + 1 < s.length; i++) {
    const g = (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
    if (!out.includes(g)) out.push(g);
  }
  return out;
}

/** Character grams of a title: a start marker with the first character, then every bigram. */
export function titleGrams(title: string): string[] {
  const s = normalize(title).replace(/\s+/g, '');
  if (s.length === 0) return [];
  const out = ['\u0001' + s[0]];
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    if (!out.includes(g)) out.push(g);
  }
  return out;
}

/**
 * Edit distance (Levenshtein, adjacent transposition counted as one) between `a` and the closest
 * prefix of `b`, so that a prefix typed so far scores 0 and a misspelt full title scores its typos.
 */
export function prefixDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Uint16Array(m + 1);
  let prev = new Uint16Array(m + 1);
  let cur = new Uint16Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  let best = n;
  for (let j = 0; j <= m; j++) if (prev[j] < best) best = prev[j];
  return best;
}

export interface FuzzyHit {
  slot: number;
  distance: number;
}

/** Gram index over titles for typo-tolerant lookup: gram overlap picks candidates, edit distance ranks them. */
export class TitleIndex {
  readonly gramIds = new Map<number, number>();
  grams: number[] = [];
  lists: Uint32Array[] = [];
  lens: number[] = [];
  private count: Uint16Array = new Uint16Array(0);

  /** Id of a gram key, created with an empty list when new. */
  intern(g: number): number {
    let id = this.gramIds.get(g);
    if (id === undefined) {
      id = this.grams.length;
      this.gramIds.set(g, id);
      this.grams.push(g);
      this.lists.push(new Uint32Array(2));
      this.lens.push(0);
    }
    return id;
  }

  add(slot: number, title: string): void {
    for (const g of gramKeys(title)) {
      const id = this.intern(g);
      const n = this.lens[id];
      if (n === this.lists[id].length) this.lists[id] = growU32(this.lists[id], n + 1);
      this.lists[id][n] = slot;
      this.lens[id] = n + 1;
    }
  }

  /** Drops dead slots and repacks all lists into one shared buffer (views, no spare capacity). */
  purge(alive: Uint8Array): void {
    let total = 0;
    for (let g = 0; g < this.lists.length; g++) {
      const l = this.lists[g];
      let m = 0;
      for (let i = 0; i < this.lens[g]; i++) if (alive[l[i]] === 1) l[m++] = l[i];
      this.lens[g] = m;
      total += m;
    }
    const all = new Uint32Array(total);
    let at = 0;
    for (let g = 0; g < this.lists.length; g++) {
      const n = this.lens[g];
      all.set(this.lists[g].subarray(0, n), at);
      this.lists[g] = all.subarray(at, at + n);
      at += n;
    }
  }

  typedBytes(): number {
    let s = 0;
    const seen = new Set<ArrayBufferLike>();
    for (const l of this.lists) {
      if (l.byteLength === l.buffer.byteLength) s += l.byteLength;
      else if (!seen.has(l.buffer)) {
        seen.add(l.buffer);
        s += l.buffer.byteLength;
      }
    }
    return s;
  }

  suggest(input: string, limit: number, nSlots: number, alive: Uint8Array, titles: string[]): FuzzyHit[] {
    const q = normalize(input).replace(/\s+/g, '');
    if (q.length === 0) return [];
    const qg = gramKeys(q)
      .map((g) => this.gramIds.get(g))
      .filter((g): g is number => g !== undefined)
      .sort((a, b) => this.lens[a] - this.lens[b]);
    if (qg.length === 0) return [];
    if (this.count.length < nSlots) this.count = new Uint16Array(nSlots + 1024);
    const count = this.count;
    const touched: number[] = [];
    // the rarest grams find the candidates; very common grams add little and cost much
    const budget = 200_000;
    let scanned = 0;
    for (const g of qg) {
      if (scanned > 0 && scanned + this.lens[g] > budget) break;
      const l = this.lists[g];
      for (let i = 0; i < this.lens[g]; i++) {
        const s = l[i];
        if (alive[s] === 0) continue;
        if (count[s] === 0) touched.push(s);
        count[s]++;
      }
      scanned += this.lens[g];
    }
    touched.sort((a, b) => count[b] - count[a] || a - b);
    const pool = touched.slice(0, Math.max(200, limit * 20));
    for (const s of touched) count[s] = 0;
    const maxDist = Math.max(1, Math.ceil(q.length / 3));
    const hits: FuzzyHit[] = [];
    for (const slot of pool) {
      const distance = prefixDistance(q, normalize(titles[slot]).replace(/\s+/g, ''));
      if (distance <= maxDist) hits.push({ slot, distance });
    }
    hits.sort(
      (a, b) => a.distance - b.distance || titles[a.slot].length - titles[b.slot].length || a.slot - b.slot,
    );
    return hits.slice(0, limit);
  }
}
