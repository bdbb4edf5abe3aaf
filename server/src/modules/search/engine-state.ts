import type { Bm25Engine } from './bm25-engine.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';

const FORMAT = 1;

/** Writes the whole engine (postings, columns, title grams, dictionaries) to one binary file. */
export async function exportState(e: Bm25Engine, path: string): Promise<number> {
  const pl = e.pl;
  const nt = pl.termCount;
  const total = pl.totalPostings();
  const ids = new Uint32Array(total);
  const vals = new Uint16Array(total);
  let at = 0;
  for (let t = 0; t < nt; t++) {
    const n = pl.len[t];
    ids.set(pl.ids[t].subarray(0, n), at);
    vals.set(pl.vals[t].subarray(0, n), at);
    at += n;
  }
  const ti = e.titles;
  const glen = Uint32Array.from(ti.lens);
  const gall = new Uint32Array(glen.reduce((a, b) => a + b, 0));
  at = 0;
  for (let g = 0; g < glen.length; g++) {
    gall.set(ti.list(g), at);
    at += glen[g];
  }
  const d = e.docs;
  const n = d.size;
  return writeSnapshot(path, {
    meta: {
      format: FORMAT,
      size: n,
      live: e.live,
      tombstones: e.tombstones,
      sums: e.sums,
      epoch: e.epoch,
      k1: e.k1,
      w: e.w,
      storeAbstracts: e.storeAbstracts,
      tokenizer: { bigrams: e.tokenizer.bigrams, mode: e.tokenizer.mode },
    },
    arrays: {
      plLen: pl.len.subarray(0, nt),
      plMaxW: pl.maxW.subarray(0, nt),
      plIds: ids,
      plVals: vals,
      gLen: glen,
      gKeys: Int32Array.from(ti.grams),
      gAll: gall,
      alive: d.alive.subarray(0, n),
      coll: d.coll.subarray(0, n),
      field: d.field.subarray(0, n),
      region: d.region.subarray(0, n),
      trl: d.trl.subarray(0, n),
      modes: d.modes.subarray(0, n),
      ips: d.ips.subarray(0, n),
      lenT: d.lenT.subarray(0, n),
      lenK: d.lenK.subarray(0, n),
      lenA: d.lenA.subarray(0, n),
    },
    strings: {
      terms: pl.terms,
      extIds: d.extIds.slice(0, n),
      titles: d.titles.slice(0, n),
      abstracts: e.storeAbstracts ? d.abstracts.slice(0, n) : [],
      fields: d.fields.values,
      regions: d.regions.values,
      modeNames: d.modeBits.values,
      ipTypeNames: d.ipBits.values,
    },
  });
}

/** Replaces the engine's contents with a snapshot. Typed arrays become views onto the file's buffer. */
export async function importState(e: Bm25Engine, path: string): Promise<void> {
  const s = await readSnapshot(path);
  const m = s.meta as {
    format: number;
    size: number;
    live: number;
    tombstones: number;
    sums: number[];
    epoch: number[];
    tokenizer: { bigrams: boolean; mode: string };
  };
  if (m.format !== FORMAT) throw new Error(`unsupported snapshot format ${m.format}`);
  if (m.tokenizer.bigrams !== e.tokenizer.bigrams || m.tokenizer.mode !== e.tokenizer.mode) {
    throw new Error('snapshot was written with different tokenizer settings');
  }
  const a = s.arrays;
  const pl = e.pl;
  pl.terms = s.strings.terms;
  pl.termIds.clear();
  pl.terms.forEach((t, i) => pl.termIds.set(t, i));
  pl.len = new Uint32Array(a.plLen as Uint32Array);
  pl.maxW = new Uint8Array(a.plMaxW as Uint8Array);
  pl.ids = [];
  pl.vals = [];
  let at = 0;
  for (let t = 0; t < pl.terms.length; t++) {
    const n = pl.len[t];
    pl.ids.push((a.plIds as Uint32Array).subarray(at, at + n));
    pl.vals.push((a.plVals as Uint16Array).subarray(at, at + n));
    at += n;
  }
  const ti = e.titles;
  ti.grams = Array.from(a.gKeys as Int32Array);
  ti.gramIds.clear();
  ti.grams.forEach((g, i) => ti.gramIds.set(g, i));
  ti.setPacked(a.gAll as Uint32Array, a.gLen as Uint32Array);
  const d = e.docs;
  d.size = m.size;
  d.alive = new Uint8Array(a.alive as Uint8Array);
  d.coll = a.coll as Uint8Array;
  d.field = a.field as Uint16Array;
  d.region = a.region as Uint16Array;
  d.trl = a.trl as Uint8Array;
  d.modes = a.modes as Uint32Array;
  d.ips = a.ips as Uint32Array;
  d.lenT = a.lenT as Uint16Array;
  d.lenK = a.lenK as Uint16Array;
  d.lenA = a.lenA as Uint16Array;
  d.extIds = s.strings.extIds;
  d.titles = s.strings.titles;
  d.abstracts = s.strings.abstracts;
  d.fields.load(s.strings.fields);
  d.regions.load(s.strings.regions);
  d.modeBits.load(s.strings.modeNames);
  d.ipBits.load(s.strings.ipTypeNames);
  e.slotOf = new Map();
  for (let i = 0; i < d.size; i++) if (d.alive[i] === 1) e.slotOf.set(d.extIds[i], i);
  e.live = m.live;
  e.tombstones = m.tombstones;
  e.sums = m.sums;
  e.epoch = m.epoch;
}
