/** Strings of the Programme I pages (zh-CN first, English second), used through the shell's language hook. */
import { useI18n } from '../../i18n/index.js';
import { zhCN, type PKey } from './i18n.zh-CN.js';
import { en } from './i18n.en.js';

export type { PKey };

const DICTS = { 'zh-CN': zhCN as Record<PKey, string>, en };

/** The shell's language hook plus `p(key)` for the programme strings. */
export function useP() {
  const i18n = useI18n();
  const dict = DICTS[i18n.lang];
  const p = (key: PKey, params?: Record<string, string | number>) => {
    const s = dict[key] ?? zhCN[key] ?? key;
    return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
  };
  /** zh/en pair sent by the server ({zh,en} or label/labelEn). */
  const bi = (v: { zh?: string; en?: string } | null | undefined) => i18n.pick(v?.zh, v?.en);
  return { ...i18n, p, bi, zh: i18n.lang !== 'en' };
}
