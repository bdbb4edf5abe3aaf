/**
 * The one shape of a bilingual text, shared by server and web: Chinese first (zh-CN is the default
 * language), English second. Server answers carry labels as ZhEn; the web picks one with `pickZhEn`.
 */
export interface ZhEn {
  zh: string;
  en: string;
}

export type Lang = 'zh-CN' | 'en';

/** The text of a pair in a language, falling back to the other half when one is empty. */
export function pickZhEn(pair: Partial<ZhEn> | null | undefined, lang: Lang | string): string {
  if (!pair) return '';
  return lang === 'en' ? pair.en || pair.zh || '' : pair.zh || pair.en || '';
}
