/** Measures the tokenizer options (bigrams on/off, search/exact cut) on the KPPatent known-item queries.
 *  npx tsx bench/search/tokenizer-choice.ts */
import { kppatentCorpus } from './kppatent.js';
import { quality } from './metrics.js';
import { Bm25Engine, Tokenizer } from '../../server/src/modules/search/index.js';
const c = kppatentCorpus(3024);
for (const opts of [
  { bigrams: false, mode: 'search' },
  { bigrams: true, mode: 'search' },
  { bigrams: false, mode: 'exact' },
  { bigrams: true, mode: 'exact' },
] as const) {
  const e = new Bm25Engine({ tokenizer: new Tokenizer(opts), storeAbstracts: false });
  e.upsertMany(c.docs);
  const r = c.queries.map((q) => e.search(q.text, { limit: 100, highlight: false }).hits.map((h) => h.id));
  console.log(JSON.stringify(opts), quality(r, c.queries), e.stats().postings);
}
