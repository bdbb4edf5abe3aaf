/**
 * Per-record term statistics shared by the incremental path (Bm25Engine.upsert) and the bulk path
 * (tokenising workers): each distinct term of a record with its raw per-field term frequencies
 * packed into one byte (title in bits 0-1, keywords 2-3, abstract 4-7, each capped).
 */
import { growU8 } from './postings.js';

export const SHIFTS = [0, 2, 4] as const;
export const CAPS = [3, 3, 15] as const;

/** Texts of a record's three indexed fields, in the order the tokenizer sees them. */
export function fieldTexts(doc: {
  title: string;
  keywords?: readonly string[];
  abstract?: string;
}): [string, string, string] {
  return [doc.title, (doc.keywords ?? []).join(' '), doc.abstract ?? ''];
}

export class TermPacker {
  private scratch: Uint8Array = new Uint8Array(1024);

  /**
   * Interns the tokens of the three fields and calls `emit(termId, packed)` once per distinct term,
   * in first-seen order. Returns nothing; the caller knows the field lengths.
   */
  pack(
    fields: readonly (readonly string[])[],
    intern: (term: string) => number,
    emit: (tid: number, packed: number) => void,
  ): void {
    const tids: number[] = [];
    for (let f = 0; f < 3; f++) {
      const shift = SHIFTS[f];
      const cap = CAPS[f];
      for (const t of fields[f]) {
        const tid = intern(t);
        if (tid >= this.scratch.length) this.scratch = growU8(this.scratch, tid + 1);
        const p = this.scratch[tid];
        if (p === 0) tids.push(tid);
        if (((p >> shift) & cap) < cap) this.scratch[tid] = p + (1 << shift);
      }
    }
    for (const tid of tids) {
      const packed = this.scratch[tid];
      this.scratch[tid] = 0;
      emit(tid, packed);
    }
  }
}
