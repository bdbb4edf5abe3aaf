/** Strings of the Programme III pages (agreements, disbursements) (zh-CN first, English second), looked up by the shell's one translator. */
import { translator, useI18n } from '../../i18n/index.js';
import { zhCN, type PKey } from './i18n.zh-CN.js';
import { en } from './i18n.en.js';

export type { PKey };

const projects = translator<PKey>({ 'zh-CN': zhCN, en });

/** The shell's language hook plus `pj(key)` for the Programme III strings. */
export function usePj() {
  const i18n = useI18n();
  return { ...i18n, pj: projects(i18n.lang) };
}
