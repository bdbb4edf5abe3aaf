import { parentPort, workerData } from 'node:worker_threads';
import { ChunkTokenizer, type ChunkOut, type TokenizerSettings } from './bulk-tokenize.js';
import { Tokenizer } from './tokenizer.js';

const settings = workerData as TokenizerSettings;
const chunks = new ChunkTokenizer(new Tokenizer(settings));

parentPort!.on('message', (m: { seq: number; texts: string[] }) => {
  const out: ChunkOut = chunks.run(m.seq, m.texts);
  const arrays = [out.newGrams, out.lens, out.nTerms, out.tids, out.packed, out.nGrams, out.grams];
  parentPort!.postMessage(
    out,
    arrays.map((a) => a.buffer as ArrayBuffer),
  );
});
