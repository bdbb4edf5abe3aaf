/**
 * Markdown table of benchmark rows. As a command it renders a saved JSON file of rows:
 *   npx tsx bench/search/report.ts .bench-out/search.json
 */
import { readFileSync } from 'node:fs';

export interface Row {
  status: string;
  engine: string;
  corpus: string;
  [k: string]: unknown;
}

const f1 = (v: unknown, d = 1): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '–');
const mb = (v: unknown): string => (typeof v === 'number' ? (v / 1048576).toFixed(0) : '–');
const secs = (v: unknown): string => (typeof v === 'number' ? (v / 1000).toFixed(2) : '–');

export function table(rows: Row[]): string {
  const head =
    '| corpus | engine | status | tokenise s | build s | index MB (heap+ext) | on-disk MB | peak RSS MB | cold start ms | p50 ms | p95 ms | p99 ms | nDCG@10 | recall@100 | MRR@10 |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n';
  return (
    head +
    rows
      .map((r) =>
        [
          r.corpus,
          r.engine,
          r.status,
          secs(r.tokeniseMs),
          secs(r.buildMs),
          mb(r.indexBytes),
          mb(r.externalBytes),
          mb(r.maxRssBytes),
          f1(r.coldStartMs, 0),
          f1(r.p50, 2),
          f1(r.p95, 2),
          f1(r.p99, 2),
          f1(r.ndcg10, 3),
          f1(r.recall100, 3),
          f1(r.mrr10, 3),
        ].join(' | '),
      )
      .map((l) => `| ${l} |`)
      .join('\n') +
    '\n'
  );
}

if (process.argv[1]?.endsWith('report.ts') && process.argv[2]) {
  process.stdout.write(table(JSON.parse(readFileSync(process.argv[2], 'utf8')) as Row[]));
}
