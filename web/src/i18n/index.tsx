import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import 'dayjs/locale/zh-cn.js';
import 'dayjs/locale/en.js';
import { zhCN, type MessageKey } from './zh-CN.js';
import { en } from './en.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export type Lang = 'zh-CN' | 'en';
export const LANGS: Array<{ code: Lang; label: string }> = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
];
export const DISPLAY_TZ = 'Asia/Shanghai';
const STORAGE_KEY = 'transferone.lang';
const DICTS: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

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

function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const s = DICTS[lang][key] ?? zhCN[key] ?? key;
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

interface I18n {
  lang: Lang;
  t: T;
  setLang(lang: Lang): void;
  /** Formats an instant in Asia/Shanghai. */
  fmt(at: string | Date | null | undefined, pattern?: string): string;
  /** Picks the zh or en variant of a pair the server sent. */
  pick(zh: string | null | undefined, enText: string | null | undefined): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => storedLang() ?? 'zh-CN');
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = lang;
    document.title = `${translate(lang, 'app.name')} · ${translate(lang, 'app.fullName')}`;
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
      t: (key, params) => translate(lang, key, params),
      fmt: (at, pattern = 'YYYY-MM-DD HH:mm:ss') => (at ? dayjs(at).tz(DISPLAY_TZ).format(pattern) : '—'),
      pick: (zh, enText) => (lang === 'en' ? enText || zh || '' : zh || enText || ''),
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
