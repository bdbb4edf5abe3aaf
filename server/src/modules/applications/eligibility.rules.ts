/**
 * Pure rules behind two eligibility facts and the flags staff see beside the screening list
 * (issue 8): where an organisation is registered (from its USCC, GB/T 2260) and how many ongoing
 * commission projects the project lead already leads (declared vs. registry).
 */
import { divisionFromText, divisionOf, withinDivision } from '../../platform/divisions.js';
import { usccDivisionCode } from '../identity/index.js';

export type FlagCode = 'regionMismatch' | 'ongoingProjectsMismatch';
export interface EligibilityFlag {
  code: FlagCode;
  zh: string;
  en: string;
}

const nameOf = (code: string, lang: 'zh' | 'en') => {
  const d = divisionOf(code);
  return lang === 'zh' ? `${d.zh}（${code}）` : `${d.en} (${code})`;
};

/**
 * The typed region (注册地, free text) against the division in the USCC: flagged when the typed text
 * names a place that neither contains nor lies in the USCC's division (上海市杨浦区 against 310104
 * 徐汇区, or against 320102 南京市). Text that names no known place is not flagged.
 */
export function regionFlag(uscc: string, typedRegion: string): EligibilityFlag | null {
  const code = usccDivisionCode(uscc);
  const typed = divisionFromText(typedRegion);
  if (!code || !typed) return null;
  if (withinDivision(typed, code) || withinDivision(code, typed)) return null;
  return {
    code: 'regionMismatch',
    zh: `填写的注册地「${typedRegion}」与统一社会信用代码的登记地 ${nameOf(code, 'zh')} 不一致`,
    en: `The typed region "${typedRegion}" disagrees with the division in the credit code, ${nameOf(code, 'en')}`,
  };
}

/**
 * What the ongoing-projects rule judges: the larger of the applicant's declaration and what the
 * registry knows (ongoing projects imported from the commission's registry plus applications awarded
 * on this platform). Undefined until the applicant declares, so the checklist asks for it.
 */
export function judgedOngoing(declared: number | undefined, registry: number): number | undefined {
  if (declared === undefined) return undefined;
  return Math.max(declared, registry);
}

export function ongoingFlag(declared: number | undefined, registry: number): EligibilityFlag | null {
  if (declared === undefined || declared === registry) return null;
  return {
    code: 'ongoingProjectsMismatch',
    zh: `项目负责人在研项目数：申报人填报${declared}项，在研项目登记${registry}项（按较大者${Math.max(declared, registry)}项判断）`,
    en: `Lead's ongoing projects: declared ${declared}, registry ${registry} (judged on the larger, ${Math.max(declared, registry)})`,
  };
}

/** A declared count as typed: a whole non-negative number, else undefined (the draft check reports it). */
export function declaredCount(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}
