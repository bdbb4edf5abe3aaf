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

/**
 * Gram index over titles for typo-tolerant lookup: gram overlap picks candidates, edit distance ranks
 * them. Lists live packed in one Uint32Array (`all`, from `start[g]`, `lens[g]` long) — a title
 * index has hundreds of thousands of distinct grams, and an array object per gram would cost more
 * than the slots it holds. A list that grows after packing moves to an array of its own (`own`)
 * until the next pack (compaction, bulk load, restore).
 */
export class TitleIndex {
  readonly gramIds = new Map<number, number>();
  grams: number[] = [];
  lens: number[] = [];
  private all: Uint32Array = new Uint32Array(0);
  private start: Uint32Array = new Uint32Array(0);
  /** lists of grams created or grown since the last pack */
  private readonly own = new Map<number, Uint32Array>();
  private count: Uint16Array = new Uint16Array(0);

  /** Id of a gram key, created with an empty list when new. */
  intern(g: number): number {
    let id = this.gramIds.get(g);
    if (id === undefined) {
      id = this.grams.length;
      this.gramIds.set(g, id);
      this.grams.push(g);
      this.lens.push(0);
    }
    return id;
  }

  /** The slots of gram `g` (a view; valid until the next change). */
  list(g: number): Uint32Array {
    const n = this.lens[g];
    const mine = this.own.get(g);
    if (mine) return mine.subarray(0, n);
    return n === 0 ? this.all.subarray(0, 0) : this.all.subarray(this.start[g], this.start[g] + n);
  }

  add(slot: number, title: string): void {
    for (const g of gramKeys(title)) {
      const id = this.intern(g);
      const n = this.lens[id];
      let l = this.own.get(id);
      if (!l) {
        l = growU32(new Uint32Array(0), n + 1);
        l.set(this.list(id));
        this.own.set(id, l);
      } else if (n === l.length) {
        l = growU32(l, n + 1);
        this.own.set(id, l);
      }
      l[n] = slot;
      this.lens[id] = n + 1;
    }
  }

  /** Replaces every list: the lists lie in `all` one after another, gram g holding lens[g] slots. */
  setPacked(all: Uint32Array, lens: ArrayLike<number>): void {
    const start = new Uint32Array(lens.length);
    for (let g = 1; g < lens.length; g++) start[g] = start[g - 1] + lens[g - 1];
    this.all = all;
    this.start = start;
    this.lens = Array.from(lens);
    this.own.clear();
  }

  /** Drops dead slots and packs all lists into one buffer. */
  purge(alive: Uint8Array): void {
    const ng = this.grams.length;
    let total = 0;
    for (let g = 0; g < ng; g++) total += this.lens[g];
    const all = new Uint32Array(total);
    const lens = new Uint32Array(ng);
    let at = 0;
    for (let g = 0; g < ng; g++) {
      const from = at;
      const l = this.list(g);
      for (let i = 0; i < l.length; i++) if (alive[l[i]] === 1) all[at++] = l[i];
      lens[g] = at - from;
    }
    this.setPacked(all.slice(0, at), lens);
  }

  typedBytes(): number {
    let s = this.all.byteLength + this.start.byteLength;
    for (const l of this.own.values()) s += l.byteLength;
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
      const l = this.list(g);
      for (let i = 0; i < l.length; i++) {
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
