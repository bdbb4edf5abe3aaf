import type { PostingLists } from './postings.js';
import { resumeAt } from './postings.js';

export interface QueryTerm {
  tid: number;
  /** score of one posting = mult * impact byte */
  mult: number;
  /** upper bound of this term's contribution */
  ub: number;
}

export interface Scored {
  slots: Uint32Array;
  scores: Float32Array;
  /** documents touched before pruning started */
  total: number;
}

/** Fixed-capacity min-heap of (score, slot); keeps the k best, ties broken by the lower slot. */
class TopK {
  readonly s: Float32Array;
  readonly d: Uint32Array;
  n = 0;
  constructor(readonly k: number) {
    this.s = new Float32Array(k);
    this.d = new Uint32Array(k);
  }
  private worse(i: number, j: number): boolean {
    return this.s[i] < this.s[j] || (this.s[i] === this.s[j] && this.d[i] > this.d[j]);
  }
  threshold(): number {
    return this.n < this.k ? -1 : this.s[0];
  }
  push(score: number, slot: number): void {
    if (this.n < this.k) {
      let i = this.n++;
      this.s[i] = score;
      this.d[i] = slot;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    if (score < this.s[0] || (score === this.s[0] && slot > this.d[0])) return;
    this.s[0] = score;
    this.d[0] = slot;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.n && this.worse(l, m)) m = l;
      if (r < this.n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
  private swap(i: number, j: number): void {
    const s = this.s[i];
    this.s[i] = this.s[j];
    this.s[j] = s;
    const d = this.d[i];
    this.d[i] = this.d[j];
    this.d[j] = d;
  }
  sorted(): Scored {
    const idx = Array.from({ length: this.n }, (_, i) => i);
    idx.sort((a, b) => this.s[b] - this.s[a] || this.d[a] - this.d[b]);
    return {
      slots: Uint32Array.from(idx, (i) => this.d[i]),
      scores: Float32Array.from(idx, (i) => this.s[i]),
      total: 0,
    };
  }
}

/**
 * Term-at-a-time scoring with MaxScore pruning. Terms are taken in decreasing order of their upper
 * bound. While the k-th best score so far is below the sum of the bounds of the terms not yet read,
 * every posting is accumulated (a new document could still reach the top k). Once it is not, the
 * remaining (frequent, low-idf) terms only add to the surviving candidates, found by galloping
 * search in their posting lists, and candidates that can no longer reach the top k are dropped.
 */
export class Scorer {
  private acc: Float32Array = new Float32Array(0);
  private stamp: Uint32Array = new Uint32Array(0);
  private touched: Uint32Array = new Uint32Array(1024);
  private q = 0;

  run(
    pl: PostingLists,
    alive: Uint8Array,
    nSlots: number,
    terms: QueryTerm[],
    k: number,
    pass: ((s: number) => boolean) | null,
  ): Scored {
    if (this.acc.length < nSlots) {
      this.acc = new Float32Array(nSlots + (nSlots >> 2) + 1024);
      this.stamp = new Uint32Array(this.acc.length);
      this.q = 0;
    }
    const acc = this.acc;
    const stamp = this.stamp;
    const q = ++this.q;
    terms.sort((a, b) => b.ub - a.ub);
    const rest = new Float64Array(terms.length + 1);
    for (let i = terms.length - 1; i >= 0; i--) rest[i] = rest[i + 1] + terms[i].ub;
    let nt = 0;
    let i = 0;
    let done = 0;
    for (; i < terms.length; i++) {
      if (i > 0 && done >= rest[i] && this.kth(nt, k) >= rest[i]) break;
      const t = terms[i];
      const ids = pl.ids[t.tid];
      const vals = pl.vals[t.tid];
      const n = pl.len[t.tid];
      const mult = t.mult;
      if (nt + n > this.touched.length) this.touched = grow(this.touched, nt + n);
      const touched = this.touched;
      for (let j = 0; j < n; j++) {
        const d = ids[j];
        if (alive[d] === 0) continue;
        if (stamp[d] !== q) {
          if (pass !== null && !pass(d)) continue;
          stamp[d] = q;
          acc[d] = 0;
          touched[nt++] = d;
        }
        acc[d] += mult * (vals[j] & 0xff);
      }
      done += t.ub;
    }
    const total = nt;
    let cand: Uint32Array = this.touched.subarray(0, nt);
    if (i < terms.length) {
      cand = cand.slice().sort();
      let theta = this.kth(nt, k);
      for (; i < terms.length; i++) {
        cand = prune(cand, acc, rest[i], theta);
        const t = terms[i];
        const vals = pl.vals[t.tid];
        let pos = 0;
        for (let c = 0; c < cand.length && pos < pl.len[t.tid]; c++) {
          const d = cand[c];
          const f = pl.find(t.tid, d, pos);
          if (f >= 0) {
            acc[d] += t.mult * (vals[f] & 0xff);
            pos = f + 1;
          } else pos = resumeAt(f);
        }
        theta = kthOf(cand, acc, k);
      }
    }
    const top = new TopK(k);
    for (let c = 0; c < cand.length; c++) top.push(acc[cand[c]], cand[c]);
    const out = top.sorted();
    out.total = total;
    return out;
  }

  /** k-th best accumulated score among the first nt touched slots (-1 when fewer than k). */
  private kth(nt: number, k: number): number {
    if (nt < k) return -1;
    return kthOf(this.touched.subarray(0, nt), this.acc, k);
  }
}

function kthOf(cand: Uint32Array, acc: Float32Array, k: number): number {
  if (cand.length < k) return -1;
  const top = new TopK(k);
  for (let c = 0; c < cand.length; c++) top.push(acc[cand[c]], cand[c]);
  return top.threshold();
}

function prune(cand: Uint32Array, acc: Float32Array, rest: number, theta: number): Uint32Array {
  if (theta < 0) return cand;
  let m = 0;
  for (let c = 0; c < cand.length; c++) if (acc[cand[c]] + rest >= theta) cand[m++] = cand[c];
  return cand.subarray(0, m);
}

function grow(a: Uint32Array, need: number): Uint32Array {
  const b = new Uint32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
