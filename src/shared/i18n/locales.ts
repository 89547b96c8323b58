/** The languages the interface ships in; the first is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Each language names itself, so a reader who cannot read the current one still finds theirs. */
export const LOCALE_LABELS: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** Maps loose tags (`en-US`, `zh`, `zh-Hans`) onto a shipped locale; anything else is null. */
export function normalizeLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const tag = value.trim().toLowerCase();
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  return null;
}

/**
 * The language to start in: an explicit `?lang=` wins (links can carry it), then the choice
 * remembered from an earlier visit, then the default.
 *
 * @example pickLocale('?lang=en', null) // 'en'
 */
export function pickLocale(search: string, stored: string | null, fallback: Locale = DEFAULT_LOCALE): Locale {
  const fromQuery = normalizeLocale(new URLSearchParams(search).get('lang'));
  return fromQuery ?? normalizeLocale(stored) ?? fallback;
}
