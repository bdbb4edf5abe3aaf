/**
 * One engine on one corpus, in its own process (so an out-of-memory or a crash is a result).
 * Usage: tsx bench/search/worker.ts <engine> <corpus: synth:N | kppatent> <out.json> [database]
 */
import { writeFileSync } from 'node:fs';
import { defaultTokenizer } from '../../server/src/modules/search/index.js';
import { fieldTexts } from '../../server/src/modules/search/doc-terms.js';
import { synthCorpus, type BenchCorpus } from './corpus.js';
import { kppatentCorpus } from './kppatent.js';
import { percentile, quality } from './metrics.js';
import { flexsearch, minisearch, orama, ours, type BenchEngine } from './peers.js';
import { pglite, pgServer } from './peers-pg.js';
export { ENGINES } from './engines.js';

function makeEngine(name: string, database: string): BenchEngine {
  switch (name) {
    case 'ours':
      return ours();
    case 'minisearch-jieba':
      return minisearch('jieba');
    case 'minisearch-default':
      return minisearch('default');
    case 'orama-jieba':
      return orama('jieba');
    case 'orama-default':
      return orama('default');
    case 'flexsearch-jieba':
      return flexsearch('jieba');
    case 'flexsearch-cjk':
      return flexsearch('cjk');
    case 'pglite':
      return pglite();
    case 'pg-server':
      return pgServer(database);
  }
  throw new Error(`unknown engine ${name}`);
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
/** A full GC, then time for freed ArrayBuffers to be released (V8 frees their memory lazily). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 200));
  }
}
const mem = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

async function main(): Promise<void> {
  const [engineName, corpusArg, out, database = ''] = process.argv.slice(2);
  const corpus: BenchCorpus =
    corpusArg === 'kppatent' ? kppatentCorpus() : synthCorpus(Number(corpusArg.replace('synth:', '')));
  defaultTokenizer().tokenize('预热');
  let tokeniseMs: number | undefined;
  if (engineName === 'ours') {
    const tk = defaultTokenizer();
    const t0 = performance.now();
    // one thread, the three fields one by one: what the engine's tokenizer does per record
    for (const d of corpus.docs) for (const text of fieldTexts(d)) tk.tokenize(text);
    tokeniseMs = performance.now() - t0;
  }
  const engine = makeEngine(engineName, database);
  await settle();
  const before = mem();
  const t0 = performance.now();
  await engine.build(corpus.docs);
  const buildMs = performance.now() - t0;
  await settle();
  // a server keeps its index in its own process: only its on-disk size is measured
  const indexBytes = engineName === 'pg-server' ? undefined : mem() - before;
  const externalBytes = engine.externalBytes ? await engine.externalBytes() : undefined;
  // if the run is stopped later (time limit), the runner still reports the build figures
  writeFileSync(
    `${out}.partial`,
    JSON.stringify({
      engine: engine.name,
      corpus: corpus.name,
      docs: corpus.docs.length,
      tokeniseMs,
      buildMs,
      indexBytes,
      externalBytes,
    }),
  );
  const ranked: string[][] = [];
  for (const q of corpus.queries) ranked.push(await engine.search(q.text, 100));
  const qual = quality(ranked, corpus.queries);
  for (const q of corpus.queries.slice(0, 20)) await engine.search(q.text, 10);
  const lat: number[] = [];
  for (const q of corpus.queries) {
    const t = performance.now();
    await engine.search(q.text, 10);
    lat.push(performance.now() - t);
  }
  lat.sort((a, b) => a - b);
  let coldStartMs: number | undefined;
  if (engine.coldStart) {
    coldStartMs = await engine.coldStart();
    const t = performance.now();
    await engine.search(corpus.queries[0].text, 10);
    coldStartMs += performance.now() - t;
  }
  await engine.close?.();
  const result = {
    engine: engine.name,
    corpus: corpus.name,
    docs: corpus.docs.length,
    queries: corpus.queries.length,
    tokeniseMs,
    buildMs,
    indexBytes,
    externalBytes,
    coldStartMs,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    ...qual,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  writeFileSync(out, JSON.stringify(result));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
