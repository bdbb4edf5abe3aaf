/**
 * Tokenising many records at once, in worker threads when there are enough of them to pay for the
 * workers' start (about half a second each: jieba builds its dictionary per thread).
 *
 * A worker keeps its own term and title-gram dictionaries and sends only the entries it saw for the
 * first time with each chunk, so the main thread touches one string per distinct term per worker,
 * not one per token. Everything else crosses as transferred typed arrays.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TermPacker } from './doc-terms.js';
import { gramKeys } from './fuzzy.js';
import { Tokenizer } from './tokenizer.js';

/** One tokenised chunk, with ids local to the tokenizer that made it. */
export interface ChunkOut {
  seq: number;
  count: number;
  /** terms first seen in this chunk; their local ids continue from the previous chunk's */
  newTerms: string[];
  /** title-gram keys first seen in this chunk */
  newGrams: Int32Array;
  /** raw token counts per record: title, keywords, abstract */
  lens: Uint32Array;
  /** distinct terms per record */
  nTerms: Uint32Array;
  tids: Uint32Array;
  packed: Uint8Array;
  /** distinct title grams per record */
  nGrams: Uint32Array;
  grams: Uint32Array;
}

export interface TokenizerSettings {
  bigrams: boolean;
  mode: 'search' | 'exact';
  extraTerms: string[];
}

export function settingsOf(t: Tokenizer): TokenizerSettings {
  return { bigrams: t.bigrams, mode: t.mode, extraTerms: t.domainTerms() };
}

/** Turns chunks of field texts (three per record) into term statistics; one instance per thread. */
export class ChunkTokenizer {
  private readonly termIds = new Map<string, number>();
  private readonly gramIds = new Map<number, number>();
  private readonly packer = new TermPacker();

  constructor(private readonly tokenizer: Tokenizer) {}

  run(seq: number, texts: readonly string[]): ChunkOut {
    const count = texts.length / 3;
    const newTerms: string[] = [];
    const newGrams: number[] = [];
    const lens = new Uint32Array(count * 3);
    const nTerms = new Uint32Array(count);
    const nGrams = new Uint32Array(count);
    const tids: number[] = [];
    const packed: number[] = [];
    const grams: number[] = [];
    const intern = (t: string): number => {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.termIds.size;
        this.termIds.set(t, id);
        newTerms.push(t);
      }
      return id;
    };
    const emit = (tid: number, p: number): void => {
      tids.push(tid);
      packed.push(p);
    };
    for (let i = 0; i < count; i++) {
      const fields = [0, 1, 2].map((f) => this.tokenizer.tokenize(texts[i * 3 + f]));
      for (let f = 0; f < 3; f++) lens[i * 3 + f] = fields[f].length;
      const before = tids.length;
      this.packer.pack(fields, intern, emit);
      nTerms[i] = tids.length - before;
      const keys = gramKeys(texts[i * 3]);
      for (const g of keys) {
        let id = this.gramIds.get(g);
        if (id === undefined) {
          id = this.gramIds.size;
          this.gramIds.set(g, id);
          newGrams.push(g);
        }
        grams.push(id);
      }
      nGrams[i] = keys.length;
    }
    return {
      seq,
      count,
      newTerms,
      newGrams: Int32Array.from(newGrams),
      lens,
      nTerms,
      tids: Uint32Array.from(tids),
      packed: Uint8Array.from(packed),
      nGrams,
      grams: Uint32Array.from(grams),
    };
  }
}

export interface TokenizeOptions {
  /** worker threads; 0 tokenises on the calling thread (default: available cores, at most 4) */
  threads?: number;
  /** records per chunk (default 2000) */
  chunkSize?: number;
  /** fewer records than this are tokenised on the calling thread (default 20000) */
  minParallel?: number;
  /** called after each chunk with records tokenised so far */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Tokenises `count` records, calling `accept` for every chunk in the order chunks arrive from each
 * tokenizer (so its new terms can be interned before its ids are read). `source` identifies the
 * tokenizer: local ids are only meaningful together with it.
 */
export async function tokenizeAll(
  count: number,
  textsOf: (from: number, to: number) => string[],
  tokenizer: Tokenizer,
  accept: (source: number, out: ChunkOut, from: number) => void,
  opts: TokenizeOptions = {},
): Promise<void> {
  const chunk = Math.max(1, opts.chunkSize ?? 2000);
  const chunks = Math.ceil(count / chunk);
  const wanted = opts.threads ?? Math.min(availableParallelism(), 4);
  const threads =
    count < (opts.minParallel ?? 20_000) || !(tokenizer instanceof Tokenizer) ? 0 : Math.min(wanted, chunks);
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    opts.onProgress?.(done, count);
  };
  if (threads === 0) {
    const ct = new ChunkTokenizer(tokenizer);
    for (let c = 0; c < chunks; c++) {
      const from = c * chunk;
      accept(0, ct.run(c, textsOf(from, Math.min(count, from + chunk))), from);
      progress(Math.min(count, from + chunk) - from);
      // keep the event loop turning on a server that is rebuilding its index
      if ((c & 7) === 7) await new Promise((r) => setImmediate(r));
    }
    return;
  }
  const workers = Array.from(
    { length: threads },
    () =>
      new Worker(new URL('./tokenize-worker.mjs', import.meta.url), {
        workerData: settingsOf(tokenizer),
      }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      const send = (w: Worker): void => {
        if (next >= chunks) return;
        const from = next * chunk;
        w.postMessage({ seq: next, texts: textsOf(from, Math.min(count, from + chunk)) });
        next++;
      };
      workers.forEach((w, source) => {
        w.on('message', (out: ChunkOut) => {
          try {
            accept(source, out, out.seq * chunk);
          } catch (e) {
            reject(e as Error);
            return;
          }
          progress(out.count);
          if (++finished === chunks) resolve();
          else send(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (finished < chunks) reject(new Error(`tokenizing worker stopped (exit code ${code})`));
        });
        // two chunks in flight per worker: one being tokenised, one waiting
        send(w);
        send(w);
      });
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
