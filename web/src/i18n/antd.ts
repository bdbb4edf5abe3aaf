import type { Locale } from 'antd/es/locale/index.js';
import * as zhMod from 'antd/locale/zh_CN.js';
import * as enMod from 'antd/locale/en_US.js';
import type { Lang } from './index.js';

// antd ships these as CommonJS with a default export; unwrap whichever shape the bundler hands us.
const unwrap = (m: unknown): Locale => {
  const x = m as { default?: unknown };
  const d = (x.default ?? x) as { default?: unknown; locale?: string };
  return (d.locale ? d : (d.default ?? d)) as Locale;
};

const ZH = unwrap(zhMod);
const EN = unwrap(enMod);

export function antdLocale(lang: Lang): Locale {
  return lang === 'en' ? EN : ZH;
}
