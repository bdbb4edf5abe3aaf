import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchCorpus } from './corpus.js';

/** Where the KPPatent-ZH file is: $KPPATENT_PATH, else ../shared/data/kppatent-zh/data_A.json from the repo root. */
export function kppatentPath(): string {
  return process.env.KPPATENT_PATH ?? resolve(process.cwd(), '../shared/data/kppatent-zh/data_A.json');
}

export function kppatentAvailable(): boolean {
  return existsSync(kppatentPath());
}

interface Row {
  input: string;
  output: string;
}

/**
 * Known-item corpus from real patent abstracts: each record's title is the abstract's first clause,
 * its abstract the whole text (the gold keyphrases are NOT indexed). The query for a record is its
 * gold keyphrases joined by spaces, and the only relevant answer is that record.
 */
export function kppatentCorpus(maxQueries = 1000): BenchCorpus {
  const path = kppatentPath();
  if (!existsSync(path)) {
    throw new Error(
      `KPPatent-ZH not found at ${path}. Put shared/ beside the repo root or set KPPATENT_PATH to data_A.json.`,
    );
  }
  const rows = JSON.parse(readFileSync(path, 'utf8')) as Row[];
  const docs = rows.map((r, i) => {
    const text = r.input.replace(/^摘要[:：]/, '').trim();
    const first = text.split(/[，。；,;]/)[0].slice(0, 40);
    return { id: `kp${i}`, collection: 'achievement' as const, title: first, abstract: text };
  });
  const step = Math.max(1, Math.floor(rows.length / maxQueries));
  const queries = [];
  for (let i = 0; i < rows.length && queries.length < maxQueries; i += step) {
    const phrases = rows[i].output
      .split(/[,，、;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (phrases.length === 0) continue;
    queries.push({ text: phrases.join(' '), rel: new Map([[`kp${i}`, 1]]) });
  }
  return { name: `kppatent-zh ${rows.length}`, docs, queries };
}
