import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { defaultTokenizer, type SearchDoc } from '../../server/src/modules/search/index.js';
import type { BenchEngine } from './peers.js';

export const SERVER_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>;
  close(): Promise<void>;
}

const words = (s: string): string => defaultTokenizer().tokenize(s).join(' ');

/** A tsquery that ORs the query's jieba tokens, each quoted as one lexeme. */
export function orQuery(q: string): string {
  const toks = [...new Set(defaultTokenizer().tokenize(q))].filter((t) => /[\p{L}\p{N}]/u.test(t));
  return toks.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

/**
 * Postgres full text: jieba tokens joined by spaces into `simple` tsvectors (title A, keywords B,
 * abstract C), a GIN index, and ts_rank ordering. Runs on PGlite (in process) or the server
 * (in a database of its own that the runner drops afterwards).
 */
function postgres(name: string, connect: () => Promise<Sql>): BenchEngine {
  let db: Sql;
  return {
    name,
    async build(docs) {
      db = await connect();
      await db.query('CREATE TABLE docs (id text PRIMARY KEY, tsv tsvector NOT NULL)');
      const batch = 500;
      for (let i = 0; i < docs.length; i += batch) {
        const part = docs.slice(i, i + batch) as SearchDoc[];
        const params: string[] = [];
        const rows = part.map((d, j) => {
          params.push(d.id, words(d.title), words((d.keywords ?? []).join(' ')), words(d.abstract ?? ''));
          const p = j * 4;
          return `($${p + 1}, setweight(to_tsvector('simple', $${p + 2}), 'A') || setweight(to_tsvector('simple', $${p + 3}), 'B') || setweight(to_tsvector('simple', $${p + 4}), 'C'))`;
        });
        await db.query(`INSERT INTO docs (id, tsv) VALUES ${rows.join(',')}`, params);
      }
      await db.query('CREATE INDEX docs_tsv ON docs USING gin (tsv)');
      await db.query('ANALYZE docs');
    },
    async search(q, k) {
      const tsq = orQuery(q);
      if (!tsq) return [];
      const r = await db.query(
        `SELECT id FROM docs, to_tsquery('simple', $1) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT $2`,
        [tsq, k],
      );
      return r.rows.map((x) => x.id as string);
    },
    async externalBytes() {
      const r = await db.query(`SELECT pg_total_relation_size('docs')::bigint AS n`);
      return Number(r.rows[0].n);
    },
    async close() {
      await db?.close();
    },
  };
}

export function pglite(): BenchEngine {
  return postgres('Postgres FTS on PGlite (jieba → simple, GIN)', async () => {
    const db = new PGlite();
    await db.waitReady;
    return { query: (t, p) => db.query(t, p), close: () => db.close() };
  });
}

export function pgServer(database: string): BenchEngine {
  return postgres('Postgres FTS on server (jieba → simple, GIN)', async () => {
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(SERVER_URL);
    url.pathname = `/${database}`;
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    return { query: (t, p) => c.query(t, p), close: () => c.end() };
  });
}

/** Drops a benchmark database (used by the runner after the child ends, whatever happened). */
export async function dropDatabase(database: string): Promise<void> {
  if (!/^bench_search_[a-z0-9]+$/.test(database)) throw new Error(`refusing to drop ${database}`);
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
