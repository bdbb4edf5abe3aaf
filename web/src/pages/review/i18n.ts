/** Strings of the expert review pages (zh-CN first, English second), looked up by the shell's one translator. */
import { translator, useI18n } from '../../i18n/index.js';
import { zhCN, type RKey } from './i18n.zh-CN.js';
import { en } from './i18n.en.js';

export type { RKey };

const review = translator<RKey>({ 'zh-CN': zhCN, en });

/** The shell's language hook plus `r(key)` for the review strings. */
export function useR() {
  const i18n = useI18n();
  return { ...i18n, r: review(i18n.lang) };
}
