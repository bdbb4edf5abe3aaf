/** Strings of the public notice pages (zh-CN first, English second), looked up by the shell's one translator. */
import { translator, useI18n } from '../../i18n/index.js';
import { zhCN, type NKey } from './i18n.zh-CN.js';
import { en } from './i18n.en.js';

export type { NKey };

const notice = translator<NKey>({ 'zh-CN': zhCN, en });

/** The shell's language hook plus `n(key)` for the notice strings. */
export function useN() {
  const i18n = useI18n();
  return { ...i18n, n: notice(i18n.lang) };
}
