import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SearchDoc } from '../../server/src/modules/search/index.js';

/** A query with graded relevance judgements (id → grade ≥ 1). */
export interface BenchQuery {
  text: string;
  rel: Map<string, number>;
}

export interface BenchCorpus {
  name: string;
  docs: SearchDoc[];
  queries: BenchQuery[];
}

/** mulberry32: small, fast, seeded PRNG (uniform in [0,1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAN = /^\p{Script=Han}{2,4}$/u;
const SKIP = new Set([
  '所述',
  '一种',
  '以及',
  '进行',
  '通过',
  '具有',
  '包括',
  '其中',
  '一个',
  '可以',
  '能够',
  '用于',
  '从而',
  '及其',
]);

/** jieba's dictionary words of 2–4 Han characters, most frequent first. */
export function jiebaWords(limit: number): string[] {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@node-rs/jieba/dict.txt');
  const rows: [string, number][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [w, f] = line.split(' ');
    if (w && HAN.test(w) && !SKIP.has(w)) rows.push([w, Number(f)]);
  }
  rows.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return rows.slice(0, limit).map((r) => r[0]);
}

const FIELDS = [
  '新一代信息技术',
  '生物医药',
  '集成电路',
  '人工智能',
  '新能源',
  '新材料',
  '高端装备',
  '节能环保',
  '航空航天',
  '海洋工程',
  '现代农业',
  '数字经济',
];
const REGIONS = [
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '浦东新区',
  '金山区',
  '松江区',
  '青浦区',
  '奉贤区',
  '崇明区',
];
const MODES = ['许可', '转让', '作价投资'];
const IPS = ['发明专利', '实用新型', '软件著作权', '集成电路布图设计', '技术秘密'];

/**
 * Seeded synthetic corpus. Background words follow a Zipf law (s = 1) over jieba's dictionary
 * ranked by frequency; 200 planted topics own 10 mid-frequency words each, which never occur in
 * the background. 30 % of records are strongly on one topic (topic words in title, keywords and
 * abstract: grade 2), 30 % weakly (two topic words in the abstract: grade 1), 40 % are background.
 * Each topic yields two need-length queries (5 of its words among 10 background words).
 */
export function synthCorpus(n: number, seed = 20250101, topics = 200): BenchCorpus {
  const rnd = prng(seed);
  const all = jiebaWords(60_000);
  const topicWords: string[][] = [];
  const taken = new Set<number>();
  for (let t = 0; t < topics; t++) {
    const ws: string[] = [];
    while (ws.length < 10) {
      const r = 3000 + Math.floor(rnd() * 30_000);
      if (taken.has(r)) continue;
      taken.add(r);
      ws.push(all[r]);
    }
    topicWords.push(ws);
  }
  const bg = all.filter((_, i) => !taken.has(i)).slice(0, 50_000);
  const cdf = new Float64Array(bg.length);
  let acc = 0;
  for (let i = 0; i < bg.length; i++) cdf[i] = acc += 1 / (i + 1);
  const zipf = (): string => {
    const u = rnd() * acc;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return bg[lo];
  };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const shuffle = <T>(a: T[]): T[] => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const bgWords = (k: number): string[] => Array.from({ length: k }, zipf);
  const sentence = (ws: string[]): string => {
    let s = '';
    ws.forEach((w, i) => (s += w + (i % 8 === 7 && i < ws.length - 1 ? '，' : '')));
    return s + '。';
  };
  const rel: Map<string, number>[] = Array.from({ length: topics }, () => new Map());
  const docs: SearchDoc[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const t = Math.floor(rnd() * topics);
    const tw = topicWords[t];
    const grade = r < 0.3 ? 2 : r < 0.6 ? 1 : 0;
    const title = grade === 2 ? shuffle([pick(tw), pick(tw), ...bgWords(int(2, 4))]) : bgWords(int(4, 6));
    const keywords = grade === 2 ? [pick(tw), pick(tw), ...bgWords(int(1, 2))] : bgWords(int(3, 4));
    const body = bgWords(int(25, 40));
    const planted = grade === 2 ? 4 : grade === 1 ? 2 : 0;
    for (let k = 0; k < planted; k++) body.splice(Math.floor(rnd() * body.length), 0, pick(tw));
    const id = `d${i}`;
    if (grade > 0) rel[t].set(id, grade);
    docs.push({
      id,
      collection: 'achievement',
      title: title.join(''),
      keywords,
      abstract: sentence(body),
      field: pick(FIELDS),
      trl: int(1, 9),
      region: pick(REGIONS),
      transferModes: MODES.filter(() => rnd() < 0.5),
      ipTypes: [pick(IPS)],
    });
  }
  const queries: BenchQuery[] = [];
  for (let t = 0; t < topics; t++) {
    for (let q = 0; q < 2; q++) {
      const ws = shuffle([...shuffle([...topicWords[t]]).slice(0, 5), ...bgWords(10)]);
      queries.push({ text: ws.slice(0, 8).join('') + '，' + ws.slice(8).join(''), rel: rel[t] });
    }
  }
  return { name: `synthetic ${n}`, docs, queries };
}
