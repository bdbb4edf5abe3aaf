import { open, readFile, rename } from 'node:fs/promises';

/**
 * Binary snapshot container: magic, a JSON header, then 8-byte-aligned sections holding typed arrays
 * (restored as views onto one buffer, no per-element work) and JSON-encoded string lists.
 */
const MAGIC = 'T1SRCH01';

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
const CTORS = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float32Array, Float64Array } as const;
type TypedName = keyof typeof CTORS;

export interface SnapshotData {
  meta: Record<string, unknown>;
  arrays: Record<string, Typed>;
  strings: Record<string, string[]>;
}

interface Section {
  kind: 'array' | 'strings';
  type?: TypedName;
  offset: number;
  bytes: number;
  length: number;
}

const pad8 = (n: number): number => (n + 7) & ~7;

export async function writeSnapshot(path: string, data: SnapshotData): Promise<number> {
  const parts: { name: string; buf: Uint8Array; sec: Omit<Section, 'offset'> }[] = [];
  for (const [name, a] of Object.entries(data.arrays)) {
    const buf = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    parts.push({
      name,
      buf,
      sec: { kind: 'array', type: a.constructor.name as TypedName, bytes: a.byteLength, length: a.length },
    });
  }
  for (const [name, list] of Object.entries(data.strings)) {
    const buf = Buffer.from(JSON.stringify(list), 'utf8');
    parts.push({ name, buf, sec: { kind: 'strings', bytes: buf.byteLength, length: list.length } });
  }
  const sections: Record<string, Section> = {};
  let offset = 0;
  for (const p of parts) {
    sections[p.name] = { ...p.sec, offset };
    offset = pad8(offset + p.buf.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ meta: data.meta, sections }), 'utf8');
  const start = pad8(8 + 4 + header.byteLength);
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w');
  try {
    const lead = Buffer.alloc(start);
    lead.write(MAGIC, 0, 'latin1');
    lead.writeUInt32LE(header.byteLength, 8);
    header.copy(lead, 12);
    await fh.write(lead, 0, lead.byteLength, 0);
    for (const p of parts) {
      const sec = sections[p.name];
      if (p.buf.byteLength > 0) await fh.write(p.buf, 0, p.buf.byteLength, start + sec.offset);
    }
    await fh.truncate(start + offset);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  return start + offset;
}

export async function readSnapshot(path: string): Promise<SnapshotData> {
  let buf: Uint8Array = await readFile(path);
  if (buf.byteOffset % 8 !== 0) buf = new Uint8Array(buf);
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${path} is not a search snapshot`);
  const hlen = b.readUInt32LE(8);
  const header = JSON.parse(b.toString('utf8', 12, 12 + hlen)) as {
    meta: Record<string, unknown>;
    sections: Record<string, Section>;
  };
  const start = pad8(12 + hlen);
  const out: SnapshotData = { meta: header.meta, arrays: {}, strings: {} };
  for (const [name, s] of Object.entries(header.sections)) {
    const at = b.byteOffset + start + s.offset;
    if (s.kind === 'array') {
      const Ctor = CTORS[s.type as TypedName];
      out.arrays[name] = new Ctor(b.buffer as ArrayBuffer, at, s.length);
    } else {
      out.strings[name] = JSON.parse(
        b.toString('utf8', start + s.offset, start + s.offset + s.bytes),
      ) as string[];
    }
  }
  return out;
}
