import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import 'dayjs/locale/en.js';
import { pickZhEn, type Lang, type ZhEn } from '../../../shared/i18n.js';
import { formatShanghai } from '../../../shared/time.js';
import { zhCN, type MessageKey } from './zh-CN.js';
import { en } from './en.js';

export type { Lang, ZhEn };
export const LANGS: Array<{ code: Lang; label: string }> = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
];
const STORAGE_KEY = 'transferone.lang';

export type Params = Record<string, string | number>;
/** A message dictionary per language; Chinese is the source of the keys. */
export type Dicts<K extends string> = { 'zh-CN': Record<K, string>; en: Record<K, string> };

/**
 * The one message lookup of the web (the shell, and each area's own strings through its translator: `useMt`, `useP`):
 * the key in the language's dictionary, else the Chinese text, else the key; `{name}` is replaced
 * by `params.name`.
 */
export function translator<K extends string>(dicts: Dicts<K>) {
  return (lang: Lang) =>
    (key: K, params?: Params): string => {
      const s = dicts[lang][key] ?? dicts['zh-CN'][key] ?? key;
      return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
    };
}

const shell = translator<MessageKey>({ 'zh-CN': zhCN, en });
export type T = (key: MessageKey, params?: Params) => string;

export function normaliseLang(v: string | null | undefined): Lang | undefined {
  if (!v) return undefined;
  if (v.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (v.toLowerCase().startsWith('en')) return 'en';
  return undefined;
}

export function storedLang(): Lang | undefined {
  try {
    return normaliseLang(localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

interface I18n {
  lang: Lang;
  t: T;
  setLang(lang: Lang): void;
  /** Formats an instant in Asia/Shanghai (shared/time.ts); '—' for none. */
  fmt(at: string | Date | null | undefined, pattern?: string): string;
  /** The text of a zh/en pair (shared/i18n.ts ZhEn) in the user's language. */
  L(pair: Partial<ZhEn> | null | undefined): string;
  /** The same for a pair the server sends as two fields (label / labelEn, message / messageEn). */
  pick(zh: string | null | undefined, enText: string | null | undefined): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => storedLang() ?? 'zh-CN');
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = lang;
    document.title = `${shell(lang)('app.name')} · ${shell(lang)('app.fullName')}`;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts this session */
    }
    dayjs.locale(l === 'en' ? 'en' : 'zh-cn');
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: shell(lang),
      fmt: (at, pattern) => (at ? formatShanghai(at, pattern) : '—'),
      L: (pair) => pickZhEn(pair, lang),
      pick: (zh, enText) => pickZhEn({ zh: zh ?? '', en: enText ?? '' }, lang),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export type { MessageKey };
