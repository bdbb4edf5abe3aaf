/**
 * Curated Chinese-specific inputs (issue 10): built by code, not a committed list, so each family
 * states what it tests. Every entry is fed into every string field of every operation by the fuzzer.
 */
import { USCC_CHARSET, usccCheckChar } from '../../modules/identity/uscc.rules.js';
import { idNumberCheckChar } from '../../modules/identity/idnumber.rules.js';
import { rng } from './prng.js';

export interface CuratedInput {
  family: string;
  value: string;
}

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const toFullWidth = (s: string) =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x21 + 0xff01));
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u202e'];
const FULL_PUNCT = '，。、；：？！“”‘’（）【】《》〈〉「」『』—…～·￥％＃＠＆＊＋－＝／＼｜';
const HANZI = '科技成果转移转化服务体系平台项目申报指南专家评审单位上海市徐汇区研究院大学企业需求';

export function chineseInputs(seed = 20240611): CuratedInput[] {
  const r = rng(seed);
  const out: CuratedInput[] = [];
  const add = (family: string, value: string) => out.push({ family, value });

  // full-width digits and numbers: １２３, ３．５, －１, １，０００
  for (let n = 0; n < 40; n++) {
    const ascii = String(r.int(0, 10 ** r.int(1, 12)));
    add(
      'full-width digits',
      ascii.replace(/\d/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!),
    );
  }
  for (const s of ['３．５', '－１', '１，０００', '０', '１２３', '１e５', '＋８６ １３８００１３８０００'])
    add('full-width number', s);

  // 万/亿 amounts as people type them
  const units = ['万', '万元', '亿', '亿元', '千万', '百万', '元', '角', '分', '万亿'];
  for (let n = 0; n < 60; n++) {
    const num = r.pick(['3.5', '1', '0', '-2', '12,000', '１２', '0.0001', '1e3', '三', '五十', '壹佰', '∞']);
    add('万/亿 amount', `${num}${r.pick(units)}`);
  }
  for (const s of [
    '3.5万',
    '1亿',
    '一亿',
    '壹亿元整',
    '人民币叁佰伍拾万元整',
    '¥3.5万',
    '￥１亿',
    '约50万',
    '50万-100万',
  ])
    add('万/亿 amount', s);

  // USCC (统一社会信用代码) with a wrong check character, wrong length, lower case, bad charset
  for (let n = 0; n < 60; n++) {
    let body = `91${r.pick(['310104', '110105', '440305', '999999'])}`;
    for (let i = 0; i < 9; i++) body += r.pick([...USCC_CHARSET]);
    const good = usccCheckChar(body);
    const bad = r.pick([...USCC_CHARSET].filter((c) => c !== good));
    add('USCC bad check', body + bad);
    if (n % 3 === 0)
      add(
        'USCC variant',
        r.pick([(body + good).toLowerCase(), body, body + good + 'X', `${body}I`, toFullWidth(body + good)]),
      );
  }

  // 居民身份证号 with a bad check digit, impossible dates, 15-digit legacy, lower-case x
  for (let n = 0; n < 60; n++) {
    const y = r.int(1900, 2030);
    const m = String(r.int(0, 13)).padStart(2, '0');
    const d = String(r.int(0, 32)).padStart(2, '0');
    const first17 = `${r.pick(['310104', '110101', '440305', '000000'])}${y}${m}${d}${String(r.int(0, 999)).padStart(3, '0')}`;
    const good = idNumberCheckChar(first17);
    const bad = r.pick('0123456789X'.split('').filter((c) => c !== good));
    add('ID number bad check', first17 + bad);
    if (n % 4 === 0)
      add(
        'ID number variant',
        r.pick([first17 + 'x', first17.slice(0, 15), toFullWidth(first17 + good), `${first17} ${good}`]),
      );
  }

  // mixed scripts, confusables, RTL, combining marks, emoji
  const mixed = [
    '科技Tech成果',
    'АВС科技',
    'ＡＢＣ公司',
    'ｶﾀｶﾅ',
    '한국어기술',
    'العربية',
    'שלום科技',
    'e\u0301\u0301\u0301',
    '👨‍👩‍👧‍👦',
    '🇨🇳',
    '𠀀𠀁𪚥',
    '〇一二三',
    '㊣㈱',
    'Ⅻ',
    '①②③',
    'ﬁ',
    'İı',
    'ß',
    '\u3000',
    '上海市　徐汇区',
  ];
  for (const m of mixed) add('mixed scripts', m);
  for (let n = 0; n < 120; n++) {
    let s = '';
    for (let i = 0; i < r.int(1, 20); i++) s += r.pick([...HANZI, ...mixed, 'a', '1', ' ', '-']);
    add('mixed scripts', s);
  }

  // full-width punctuation, alone and in text
  for (const p of FULL_PUNCT) add('full-width punctuation', `项目${p}名称`);
  add('full-width punctuation', FULL_PUNCT);
  for (let n = 0; n < 20; n++)
    add(
      'full-width ascii',
      toFullWidth(r.pick(['admin', 'a@example.cn', 'SELECT 1;', '<script>', '../../etc/passwd', '{"a":1}'])),
    );

  // zero-width and invisible characters
  for (const z of ZERO_WIDTH) {
    add('zero-width', z);
    add('zero-width', `科${z}技`);
    add('zero-width', `${z}${z}${z}`);
    add('zero-width', `admin${z}`);
  }

  // phone numbers, dates and addresses in Chinese forms
  for (const s of [
    '+86 138-0013-8000',
    '１３８００１３８０００',
    '138 0013 8000',
    '010-12345678',
    '86-21-6123456',
    '二〇二四年六月十一日',
    '2024年6月11日',
    '2024/6/11',
    '民国113年',
    '上海市徐汇区漕溪北路',
    '北京市海淀区中关村大街１号',
    '000000',
  ])
    add('chinese forms', s);

  // very long Chinese text (100k characters) and a few sizes around typical limits
  for (const len of [199, 200, 201, 500, 1000, 2000, 5000, 20_000, 100_000]) {
    let s = '';
    while (s.length < len) s += HANZI;
    add('long Chinese text', s.slice(0, len));
  }
  add('long Chinese text', '𠀀'.repeat(50_000)); // 100k UTF-16 code units, 50k astral characters
  return out;
}
