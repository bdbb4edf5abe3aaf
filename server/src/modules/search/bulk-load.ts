/**
 * The bulk path of Bm25Engine: tokenise everything first (in workers), then assign slots, count
 * document frequencies and lay every posting list out once at its final size, so there is no
 * growing, copying or garbage per posting and impacts are computed once against the final averages.
 * Until tokenising has finished only the term dictionary is touched (new terms with empty lists,
 * which search ignores), so a failure leaves the index as it was.
 */
import type { Bm25Engine } from './bm25-engine.js';
import { fieldTexts } from './doc-terms.js';
import { tokenizeAll, type ChunkOut, type TokenizeOptions } from './bulk-tokenize.js';
import { growU32 } from './postings.js';
import type { SearchDoc } from './search-engine.js';

/** Local-to-global id map of one tokenizer (a worker, or the calling thread). */
class IdMap {
  ids: Uint32Array = new Uint32Array(1024);
  n = 0;
  push(id: number): void {
    this.ids = growU32(this.ids, this.n + 1);
    this.ids[this.n++] = id;
  }
  remap(a: Uint32Array): void {
    const ids = this.ids;
    for (let i = 0; i < a.length; i++) a[i] = ids[a[i]];
  }
}

export async function bulkLoad(
  e: Bm25Engine,
  docs: readonly SearchDoc[],
  opts: TokenizeOptions = {},
): Promise<void> {
  const pl = e.pl;
  const ti = e.titles;
  const termMaps: IdMap[] = [];
  const gramMaps: IdMap[] = [];
  const chunks: { out: ChunkOut; from: number }[] = [];
  await tokenizeAll(
    docs.length,
    (from, to) => docs.slice(from, to).flatMap(fieldTexts),
    e.tokenizer,
    (source, out, from) => {
      const terms = (termMaps[source] ??= new IdMap());
      for (const t of out.newTerms) terms.push(pl.intern(t));
      terms.remap(out.tids);
      const grams = (gramMaps[source] ??= new IdMap());
      for (const g of out.newGrams) grams.push(ti.intern(g));
      grams.remap(out.grams);
      chunks[out.seq] = { out, from };
    },
    opts,
  );

  // slots, lengths and document frequencies, in record order
  const hadDocs = e.docs.size > 0;
  const df = new Uint32Array(pl.termCount);
  const gdf = new Uint32Array(ti.grams.length);
  const slots: Uint32Array[] = [];
  for (const { out, from } of chunks) {
    const s = new Uint32Array(out.count);
    for (let i = 0; i < out.count; i++) {
      const doc = docs[from + i];
      e.drop(doc.id);
      const lens: [number, number, number] = [out.lens[i * 3], out.lens[i * 3 + 1], out.lens[i * 3 + 2]];
      s[i] = e.docs.add(doc, lens, e.storeAbstracts);
      e.slotOf.set(doc.id, s[i]);
      e.live++;
      for (let f = 0; f < 3; f++) e.sums[f] += lens[f];
    }
    slots.push(s);
    for (const t of out.tids) df[t]++;
    for (const g of out.grams) gdf[g]++;
  }
  // an empty engine gets exact averages; otherwise old and new impacts share the old ones until drift
  const refresh = hadDocs && e.drifted();
  if (!hadDocs) e.epoch = e.avgs();

  // posting lists: existing postings first (lower slots), then the new ones
  const nt = pl.termCount;
  const at = new Float64Array(nt);
  let total = 0;
  for (let t = 0; t < nt; t++) total += pl.len[t] + df[t];
  const allIds = new Uint32Array(total);
  const allVals = new Uint16Array(total);
  let pos = 0;
  for (let t = 0; t < nt; t++) {
    const n = pl.len[t];
    allIds.set(pl.ids[t].subarray(0, n), pos);
    allVals.set(pl.vals[t].subarray(0, n), pos);
    at[t] = pos + n;
    pos += n + df[t];
  }
  const maxW = pl.maxW;
  chunks.forEach(({ out }, c) => {
    let j = 0;
    for (let i = 0; i < out.count; i++) {
      const slot = slots[c][i];
      for (const end = j + out.nTerms[i]; j < end; j++) {
        const tid = out.tids[j];
        const packed = out.packed[j];
        const w = e.impact(packed, slot);
        const p = at[tid]++;
        allIds[p] = slot;
        allVals[p] = (packed << 8) | w;
        if (w > maxW[tid]) maxW[tid] = w;
      }
    }
  });
  pos = 0;
  for (let t = 0; t < nt; t++) {
    const n = pl.len[t] + df[t];
    pl.ids[t] = allIds.subarray(pos, pos + n);
    pl.vals[t] = allVals.subarray(pos, pos + n);
    pl.len[t] = n;
    pos += n;
  }

  // title grams, the same way
  const ng = ti.grams.length;
  const gLens = new Uint32Array(ng);
  const gat = new Float64Array(ng);
  let gtotal = 0;
  for (let g = 0; g < ng; g++) gtotal += ti.lens[g] + gdf[g];
  const gAll = new Uint32Array(gtotal);
  pos = 0;
  for (let g = 0; g < ng; g++) {
    const old = ti.list(g);
    gAll.set(old, pos);
    gLens[g] = old.length + gdf[g];
    gat[g] = pos + old.length;
    pos += gLens[g];
  }
  chunks.forEach(({ out }, c) => {
    let j = 0;
    for (let i = 0; i < out.count; i++) {
      for (const end = j + out.nGrams[i]; j < end; j++) gAll[gat[out.grams[j]]++] = slots[c][i];
    }
  });
  ti.setPacked(gAll, gLens);

  e.version += docs.length;
  if (refresh) e.refreshImpacts();
  e.maybeCompact();
}
