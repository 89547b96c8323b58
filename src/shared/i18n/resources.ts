import { en } from './en.ts';
import type { Locale } from './locales.ts';
import { type Messages, zhCN } from './zh-CN.ts';

/** All catalogues by locale, in the shape i18next takes (one `translation` namespace). */
export const resources: Record<Locale, { translation: Messages }> = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
};
