import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Domain terms taken from the seed documents (../shared/seeds) and the glossary. Each is loaded
 * into jieba with a high frequency so that it survives segmentation as one word; the index also
 * keeps its parts (search-mode cut), so 概念验证 still finds 概念验证中心.
 */
export const DOMAIN_TERMS: readonly string[] = [
  '科技成果',
  '科技成果转化',
  '成果转化',
  '科技成果转移转化',
  '转移转化',
  '技术转移',
  '技术转移机构',
  '技术转移示范机构',
  '技术经理人',
  '概念验证',
  '概念验证中心',
  '概念验证平台',
  '开放式创新中心',
  '区域科技成果转化平台',
  '揭榜挂帅',
  '创新挑战赛',
  '赛马制',
  '作价投资',
  '技术许可',
  '技术转让',
  '技术开发',
  '技术咨询',
  '技术服务',
  '技术合同',
  '技术合同认定登记',
  '技术交易额',
  '技术市场',
  '技术成熟度',
  '企业技术需求',
  '技术需求',
  '解决方案',
  '供需对接',
  '对接率',
  '科研事业单位',
  '职务科技成果',
  '赋权',
  '单列管理',
  '尽职免责',
  '转化门诊',
  '一件事',
  '一网通办',
  '长三角',
  '申报指南',
  '考核指标',
  '绩效评价',
  '绩效自评报告',
  '任务书',
  '自筹经费',
  '区级配套',
  '通讯评审',
  '见面会评审',
  '回避专家',
  '专家库',
  '科技成果信息库',
  '新质生产力',
  '创新联合体',
  '制造业创新中心',
  '专利开放许可',
  '高价值专利',
  '知识产权',
  '孵化器',
  '脑机接口',
  '硅光',
  '第四代半导体',
  '集成电路',
  '人形机器人',
  '智能传感器',
  '人工智能',
  '生物医药',
  '拨投结合',
  '研投融合',
  '服投联动',
  '研发众包',
  '科技投行',
  '放权松绑',
  '出题人',
  '答题人',
  '阅卷人',
];

const STOPWORDS: readonly string[] = (
  '的 了 和 与 及 或 等 在 是 对 用 于 为 由 以 被 把 从 中 其 将 也 而 并 且 之 所 该 此 这 那 个 种 ' +
  '一种 所述 以及 进行 通过 具有 包括 其中 一个 可以 能够 用于 使得 使 从而 及其 或者 以上 以下 ' +
  'the a an of and or to in for on with by is are be as at from'
).split(' ');

const PUNCT_ONLY = /^[\s\p{P}\p{S}]+$/u;
const CJK = /\p{Script=Han}/u;

/**
 * Length-preserving normalisation: full-width ASCII → half-width, ideographic space → space,
 * lowercase. Offsets in the normalised text equal offsets in the original, which highlighting needs.
 */
const NEEDS_NORM = /[\uff01-\uff5e\u3000A-Z\u00c0-\u024f\u0370-\u04ff]/;

export function normalize(text: string): string {
  if (!NEEDS_NORM.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out.toLowerCase();
}

export interface TokenizerOptions {
  /** also emit character bigrams of Chinese words longer than two characters (prefixed with `\u0002`) */
  bigrams?: boolean;
  /** 'search' keeps the parts of long words as extra tokens; 'exact' emits jieba's plain cut */
  mode?: 'search' | 'exact';
  /** extra domain terms on top of DOMAIN_TERMS */
  extraTerms?: readonly string[];
}

export class Tokenizer {
  private readonly jieba: Jieba;
  private readonly stop = new Set(STOPWORDS);
  private readonly domain = new Set<string>();
  /** domain terms contained in a longer domain term (概念验证中心 → 概念验证), emitted beside it */
  private readonly inner = new Map<string, string[]>();
  readonly bigrams: boolean;
  readonly mode: 'search' | 'exact';

  constructor(opts: TokenizerOptions = {}) {
    this.jieba = Jieba.withDict(dict);
    this.bigrams = opts.bigrams ?? false;
    this.mode = opts.mode ?? 'search';
    this.addTerms(DOMAIN_TERMS);
    if (opts.extraTerms) this.addTerms(opts.extraTerms);
  }

  /** Add staff-maintained domain terms at runtime; returns how many were new. */
  addTerms(terms: Iterable<string>): number {
    const fresh: string[] = [];
    for (const raw of terms) {
      const t = normalize(raw.trim());
      if (t.length < 2 || /\s/.test(t) || this.domain.has(t)) continue;
      this.domain.add(t);
      fresh.push(t);
    }
    if (fresh.length > 0) {
      this.jieba.loadDict(Buffer.from(fresh.map((t) => `${t} 200000 n`).join('\n') + '\n'));
      this.inner.clear();
      for (const outer of this.domain) {
        const parts = [...this.domain].filter((t) => t !== outer && outer.includes(t));
        if (parts.length > 0) this.inner.set(outer, parts);
      }
    }
    return fresh.length;
  }

  domainTerms(): string[] {
    return [...this.domain];
  }

  isStopword(t: string): boolean {
    return this.stop.has(t);
  }

  /** Tokens for indexing or querying; duplicates kept (term frequency matters). */
  tokenize(text: string): string[] {
    if (!text) return [];
    const out: string[] = [];
    this.push(this.cut(normalize(text)), out);
    return out;
  }

  private cut(norm: string): string[] {
    return this.mode === 'search' ? this.jieba.cutForSearch(norm, false) : this.jieba.cut(norm, false);
  }

  /** Filters jieba's words into tokens: stopwords and punctuation dropped, domain sub-terms and bigrams added. */
  private push(words: string[], out: string[]): void {
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const c = w.charCodeAt(0);
      const han = c >= 0x4e00 && c <= 0x9fff;
      if (w.length === 0 || this.stop.has(w) || (!han && PUNCT_ONLY.test(w))) continue;
      const t = han ? w : w.trim();
      if (t.length === 0) continue;
      out.push(t);
      if (this.mode === 'search') {
        const parts = this.inner.get(t);
        if (parts) for (const p of parts) if (!words.includes(p)) out.push(p);
      }
      if (this.bigrams && t.length > 2 && CJK.test(t)) {
        for (let j = 0; j + 1 < t.length; j++) out.push('\u0002' + t.slice(j, j + 2));
      }
    }
  }

  /** jieba's plain cut (no sub-words), normalised and filtered; used for highlighting and explanations. */
  words(text: string): string[] {
    const norm = normalize(text);
    return this.jieba
      .cut(norm, false)
      .map((w) => w.trim())
      .filter((w) => w.length > 0 && !this.stop.has(w) && !PUNCT_ONLY.test(w));
  }
}

let shared: Tokenizer | undefined;

/** Process-wide default tokenizer (building jieba's dictionary costs ~0.3 s, so share it). */
export function defaultTokenizer(): Tokenizer {
  shared ??= new Tokenizer();
  return shared;
}

/** Readable form of a token (bigram marker removed). */
export function displayTerm(t: string): string {
  return t.charCodeAt(0) === 2 ? t.slice(1) : t;
}
