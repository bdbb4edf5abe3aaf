/**
 * The need-quality check (pure): scores how complete and concrete an enterprise need (出题) is,
 * names each missing or vague part, and flags needs below the threshold for a technology manager to
 * refine. Weights add up to 100.
 */
export const MIN_PROBLEM_CHARS = 60;
export const REFINE_THRESHOLD = 70;
/** Words that make a need vague when they carry the statement (相关/若干/等 …). */
export const VAGUE_WORDS = [
  '相关',
  '若干',
  '等等',
  '等',
  '一些',
  '有关',
  '部分',
  '某些',
  '适当',
  '尽快',
  '较好',
  '先进',
];

export type NeedQualityCode =
  | 'problemTooShort'
  | 'noIndicator'
  | 'noQuantifiedIndicator'
  | 'budgetMissing'
  | 'deadlineMissing'
  | 'keywordsMissing'
  | 'vagueWords';

export interface NeedQualityIssue {
  code: NeedQualityCode;
  /** points lost */
  penalty: number;
  zh: string;
  en: string;
  /** the vague words found, when code = vagueWords */
  words?: string[];
}

export interface NeedQualityInput {
  problem: string;
  indicators: readonly string[];
  budgetMinFen?: number | null;
  budgetMaxFen?: number | null;
  deadline?: string | null;
  keywords: readonly string[];
}

export interface NeedQuality {
  score: number;
  issues: NeedQualityIssue[];
  needsRefinement: boolean;
}

const QUANTIFIED = /\d|[一二三四五六七八九十百千万亿]+\s*(个|项|倍|%|％|小时|天|年|元|万)|百分之/;

export function findVagueWords(text: string): string[] {
  const found: string[] = [];
  for (const w of VAGUE_WORDS) {
    if (w === '等') {
      // 等 as "etc." at the end of a list, not in 等级/等待/同等/平等
      if (/等(?![级待同效离比])(?=[。，,；;、\s]|$)/.test(text) && !found.includes('等等')) found.push('等');
    } else if (text.includes(w)) found.push(w);
  }
  return found;
}

export function assessNeed(n: NeedQualityInput): NeedQuality {
  const issues: NeedQualityIssue[] = [];
  const problem = n.problem.trim();
  const chars = [...problem.replace(/\s+/g, '')].length;
  if (chars < MIN_PROBLEM_CHARS)
    issues.push({
      code: 'problemTooShort',
      penalty: chars < MIN_PROBLEM_CHARS / 2 ? 25 : 15,
      zh: `问题描述只有${chars}字，少于${MIN_PROBLEM_CHARS}字，请说明现状、瓶颈和应用场景`,
      en: `The problem statement has ${chars} characters (fewer than ${MIN_PROBLEM_CHARS}); describe the situation, the bottleneck and the use case`,
    });
  const indicators = n.indicators.map((s) => s.trim()).filter(Boolean);
  if (indicators.length === 0)
    issues.push({
      code: 'noIndicator',
      penalty: 25,
      zh: '未填写期望指标',
      en: 'No expected indicator is given',
    });
  else if (!indicators.some((i) => QUANTIFIED.test(i)))
    issues.push({
      code: 'noQuantifiedIndicator',
      penalty: 20,
      zh: '期望指标没有量化数值（如“精度≥99%”“成本降低30%”）',
      en: 'No indicator is quantified (e.g. “accuracy ≥ 99%”, “cost down 30%”)',
    });
  if (n.budgetMinFen == null && n.budgetMaxFen == null)
    issues.push({
      code: 'budgetMissing',
      penalty: 15,
      zh: '未填写预算范围',
      en: 'The budget range is missing',
    });
  if (!n.deadline)
    issues.push({
      code: 'deadlineMissing',
      penalty: 10,
      zh: '未填写期望完成时间',
      en: 'The deadline is missing',
    });
  if (n.keywords.filter((k) => k.trim()).length === 0)
    issues.push({ code: 'keywordsMissing', penalty: 10, zh: '未填写关键词', en: 'No keywords are given' });
  const words = findVagueWords([problem, ...indicators].join('\n'));
  if (words.length > 0)
    issues.push({
      code: 'vagueWords',
      penalty: Math.min(15, 5 * words.length),
      zh: `表述含模糊用语：${words.join('、')}，请写明具体对象和数量`,
      en: `Vague wording: ${words.join(', ')}; name the exact objects and quantities`,
      words,
    });
  const score = Math.max(0, 100 - issues.reduce((s, i) => s + i.penalty, 0));
  return { score, issues, needsRefinement: score < REFINE_THRESHOLD };
}
