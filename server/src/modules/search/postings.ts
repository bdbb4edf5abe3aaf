/**
 * Growable posting lists over typed arrays. Each term owns a Uint32Array of document slots (ascending,
 * because slots are handed out in increasing order) and a Uint16Array of packed values
 * (raw field term frequencies in the high byte, quantised BM25F impact in the low byte).
 */
export class PostingLists {
  readonly termIds = new Map<string, number>();
  terms: string[] = [];
  ids: Uint32Array[] = [];
  vals: Uint16Array[] = [];
  len: Uint32Array = new Uint32Array(1024);
  maxW: Uint8Array = new Uint8Array(1024);

  get termCount(): number {
    return this.terms.length;
  }

  idOf(term: string): number | undefined {
    return this.termIds.get(term);
  }

  intern(term: string): number {
    let id = this.termIds.get(term);
    if (id !== undefined) return id;
    id = this.terms.length;
    this.termIds.set(term, id);
    this.terms.push(term);
    this.ids.push(new Uint32Array(2));
    this.vals.push(new Uint16Array(2));
    if (id >= this.len.length) {
      this.len = growU32(this.len, id + 1);
      this.maxW = growU8(this.maxW, id + 1);
    }
    return id;
  }

  add(tid: number, slot: number, val: number): void {
    const n = this.len[tid];
    let ids = this.ids[tid];
    if (n === ids.length) {
      ids = this.ids[tid] = growU32(ids, n + 1);
      this.vals[tid] = growU16(this.vals[tid], n + 1);
    }
    ids[n] = slot;
    this.vals[tid][n] = val;
    this.len[tid] = n + 1;
    const w = val & 0xff;
    if (w > this.maxW[tid]) this.maxW[tid] = w;
  }

  /**
   * Drops postings of dead slots and repacks every list into two shared buffers (one Uint32Array,
   * one Uint16Array) so that each term holds views instead of arrays of its own: no spare capacity
   * and far less per-array overhead. A list that grows later is copied out on its next append.
   */
  purge(alive: Uint8Array | null): number {
    let removed = 0;
    let total = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const ids = this.ids[t];
      const vals = this.vals[t];
      const n = this.len[t];
      let m = 0;
      let maxW = 0;
      for (let i = 0; i < n; i++) {
        if (alive !== null && alive[ids[i]] === 0) continue;
        ids[m] = ids[i];
        vals[m] = vals[i];
        if ((vals[i] & 0xff) > maxW) maxW = vals[i] & 0xff;
        m++;
      }
      removed += n - m;
      this.len[t] = m;
      this.maxW[t] = maxW;
      total += m;
    }
    const allIds = new Uint32Array(total);
    const allVals = new Uint16Array(total);
    let at = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const n = this.len[t];
      allIds.set(this.ids[t].subarray(0, n), at);
      allVals.set(this.vals[t].subarray(0, n), at);
      this.ids[t] = allIds.subarray(at, at + n);
      this.vals[t] = allVals.subarray(at, at + n);
      at += n;
    }
    return removed;
  }

  totalPostings(): number {
    let s = 0;
    for (let t = 0; t < this.terms.length; t++) s += this.len[t];
    return s;
  }

  typedBytes(): number {
    let s = this.len.byteLength + this.maxW.byteLength;
    const seen = new Set<ArrayBufferLike>();
    for (let t = 0; t < this.terms.length; t++) {
      for (const a of [this.ids[t], this.vals[t]]) {
        if (a.byteLength === a.buffer.byteLength) s += a.byteLength;
        else if (!seen.has(a.buffer)) {
          seen.add(a.buffer);
          s += a.buffer.byteLength;
        }
      }
    }
    return s;
  }

  /** Index of `slot` in term's list at or after `from`, or -1 (galloping search). */
  find(tid: number, slot: number, from = 0): number {
    const ids = this.ids[tid];
    const n = this.len[tid];
    let lo = from;
    let step = 1;
    let hi = lo;
    while (hi < n && ids[hi] < slot) {
      lo = hi + 1;
      hi += step;
      step <<= 1;
    }
    if (hi >= n) hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid];
      if (v === slot) return mid;
      if (v < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return -(lo + 1) - 1;
  }
}

/** Position to resume from after a failed `find` (its insertion point). */
export function resumeAt(found: number): number {
  return found >= 0 ? found : -found - 2;
}

function capFor(cur: number, need: number): number {
  let c = Math.max(cur, 2);
  while (c < need) c = c < 1 << 20 ? c * 2 : Math.ceil(c * 1.5);
  return c;
}

export function growU32(a: Uint32Array, need: number): Uint32Array {
  if (need <= a.length) return a;
  const b = new Uint32Array(capFor(a.length, need));
  b.set(a);
  return b;
}
export function growU16(a: Uint16Array, need: number): Uint16Array {
  if (need <= a.length) return a;
  const b = new Uint16Array(capFor(a.length, need));
  b.set(a);
  return b;
}
export function growU8(a: Uint8Array, need: number): Uint8Array {
  if (need <= a.length) return a;
  const b = new Uint8Array(capFor(a.length, need));
  b.set(a);
  return b;
}
export function growF32(a: Float32Array, need: number): Float32Array {
  if (need <= a.length) return a;
  const b = new Float32Array(capFor(a.length, need));
  b.set(a);
  return b;
}
