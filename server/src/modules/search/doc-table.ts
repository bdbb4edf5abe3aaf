import type { Collection, SearchDoc, SearchFilters } from './search-engine.js';
import { growU16, growU32, growU8 } from './postings.js';

export const COLLECTIONS: readonly Collection[] = [
  'achievement',
  'need',
  'solution',
  'expert',
  'institution',
];

/** Dictionary-encodes facet values: each distinct string gets a small integer. */
export class FacetDict {
  readonly ids = new Map<string, number>();
  values: string[] = [];
  constructor(private readonly max: number) {}
  encode(v: string): number {
    let id = this.ids.get(v);
    if (id === undefined) {
      if (this.values.length >= this.max) throw new Error(`too many distinct facet values (max ${this.max})`);
      id = this.values.length;
      this.ids.set(v, id);
      this.values.push(v);
    }
    return id;
  }
  load(values: string[]): void {
    this.values = values;
    this.ids.clear();
    values.forEach((v, i) => this.ids.set(v, i));
  }
}

/** Per-slot columns. Slot 0.. are handed out in increasing order; a re-upserted record gets a new slot. */
export class DocTable {
  size = 0;
  alive: Uint8Array = new Uint8Array(1024);
  coll: Uint8Array = new Uint8Array(1024);
  field: Uint16Array = new Uint16Array(1024);
  region: Uint16Array = new Uint16Array(1024);
  trl: Uint8Array = new Uint8Array(1024);
  modes: Uint32Array = new Uint32Array(1024);
  ips: Uint32Array = new Uint32Array(1024);
  lenT: Uint16Array = new Uint16Array(1024);
  lenK: Uint16Array = new Uint16Array(1024);
  lenA: Uint16Array = new Uint16Array(1024);
  extIds: string[] = [];
  titles: string[] = [];
  abstracts: string[] = [];
  readonly fields = new FacetDict(65535);
  readonly regions = new FacetDict(65535);
  readonly modeBits = new FacetDict(32);
  readonly ipBits = new FacetDict(32);

  add(doc: SearchDoc, lens: [number, number, number], storeAbstract: boolean): number {
    const s = this.size++;
    if (s >= this.alive.length) this.grow(s + 1);
    this.alive[s] = 1;
    this.coll[s] = doc.collection ? COLLECTIONS.indexOf(doc.collection) + 1 : 0;
    this.field[s] = doc.field ? this.fields.encode(doc.field) + 1 : 0;
    this.region[s] = doc.region ? this.regions.encode(doc.region) + 1 : 0;
    this.trl[s] = doc.trl && doc.trl > 0 ? Math.min(255, Math.round(doc.trl)) : 0;
    this.modes[s] = bits(this.modeBits, doc.transferModes);
    this.ips[s] = bits(this.ipBits, doc.ipTypes);
    this.lenT[s] = Math.min(lens[0], 65535);
    this.lenK[s] = Math.min(lens[1], 65535);
    this.lenA[s] = Math.min(lens[2], 65535);
    this.extIds[s] = doc.id;
    this.titles[s] = doc.title;
    if (storeAbstract) this.abstracts[s] = doc.abstract ?? '';
    return s;
  }

  grow(need: number): void {
    this.alive = growU8(this.alive, need);
    this.coll = growU8(this.coll, need);
    this.field = growU16(this.field, need);
    this.region = growU16(this.region, need);
    this.trl = growU8(this.trl, need);
    this.modes = growU32(this.modes, need);
    this.ips = growU32(this.ips, need);
    this.lenT = growU16(this.lenT, need);
    this.lenK = growU16(this.lenK, need);
    this.lenA = growU16(this.lenA, need);
  }

  typedBytes(): number {
    return this.alive.byteLength * 3 + this.field.byteLength * 5 + this.modes.byteLength * 2;
  }

  /** Compile filters into a slot predicate, or null when nothing filters. */
  compile(f: SearchFilters | undefined, excluded: Set<number>): ((s: number) => boolean) | null {
    const checks: ((s: number) => boolean)[] = [];
    if (excluded.size > 0) checks.push((s) => !excluded.has(s));
    if (f?.collection !== undefined) {
      const ok = new Uint8Array(COLLECTIONS.length + 1);
      for (const c of list(f.collection)) ok[COLLECTIONS.indexOf(c) + 1] = 1;
      ok[0] = 0;
      checks.push((s) => ok[this.coll[s]] === 1);
    }
    if (f?.field !== undefined) checks.push(setCheck(this.fields, list(f.field), this.field));
    if (f?.region !== undefined) checks.push(setCheck(this.regions, list(f.region), this.region));
    if (f?.trlMin !== undefined || f?.trlMax !== undefined) {
      const lo = f.trlMin ?? 1;
      const hi = f.trlMax ?? 255;
      checks.push((s) => this.trl[s] !== 0 && this.trl[s] >= lo && this.trl[s] <= hi);
    }
    if (f?.transferModes !== undefined) {
      const m = maskOf(this.modeBits, f.transferModes);
      checks.push((s) => (this.modes[s] & m) !== 0);
    }
    if (f?.ipTypes !== undefined) {
      const m = maskOf(this.ipBits, f.ipTypes);
      checks.push((s) => (this.ips[s] & m) !== 0);
    }
    if (checks.length === 0) return null;
    if (checks.length === 1) return checks[0];
    return (s) => {
      for (const c of checks) if (!c(s)) return false;
      return true;
    };
  }
}

function list<T>(v: T | readonly T[]): readonly T[] {
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}

function bits(dict: FacetDict, values: readonly string[] | undefined): number {
  let m = 0;
  for (const v of values ?? []) m |= 1 << dict.encode(v);
  return m >>> 0;
}

function maskOf(dict: FacetDict, values: readonly string[]): number {
  let m = 0;
  for (const v of values) {
    const id = dict.ids.get(v);
    if (id !== undefined) m |= 1 << id;
  }
  return m >>> 0;
}

function setCheck(dict: FacetDict, values: readonly string[], col: Uint16Array): (s: number) => boolean {
  const ok = new Uint8Array(dict.values.length + 1);
  for (const v of values) {
    const id = dict.ids.get(v);
    if (id !== undefined) ok[id + 1] = 1;
  }
  return (s) => ok[col[s]] === 1;
}
