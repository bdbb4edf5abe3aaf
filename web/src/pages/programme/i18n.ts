/** Strings of the Programme I pages (zh-CN first, English second), looked up by the shell's one translator. */
import { translator, useI18n } from '../../i18n/index.js';
import { zhCN, type PKey } from './i18n.zh-CN.js';
import { en } from './i18n.en.js';

export type { PKey };

const programme = translator<PKey>({ 'zh-CN': zhCN, en });

/** The shell's language hook plus `p(key)` for the programme strings. */
export function useP() {
  const i18n = useI18n();
  return { ...i18n, p: programme(i18n.lang), zh: i18n.lang !== 'en' };
}
