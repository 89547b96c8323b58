import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, type Locale, normalizeLocale, pickLocale } from '../../shared/i18n/locales.ts';
import { resources } from '../../shared/i18n/resources.ts';

const STORAGE_KEY = 'minqing.locale';

const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode, policy); the language then lasts for the visit.
    return null;
  }
}

function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // See readStoredLocale.
  }
}

/** The language i18next is in, as one of ours. */
export function currentLocale(): Locale {
  return normalizeLocale(i18next.language) ?? DEFAULT_LOCALE;
}

/** Whether the person chose a language (a stored choice or ?lang=); if not, the deployment's default applies. */
let chosenByUser = false;

/** Everything outside React that follows the language: <html lang>, dayjs, the stored choice. */
function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  dayjs.locale(DAYJS_LOCALES[locale]);
  if (chosenByUser) rememberLocale(locale);
}

/** The language switch calls this: from now on the choice is the person's and is remembered. */
export function chooseLocale(locale: Locale): Promise<unknown> {
  chosenByUser = true;
  return i18next.changeLanguage(locale);
}

/**
 * The deployment's default language (MINQING_DEFAULT_LOCALE, from /api/v1/meta) applies to a
 * visitor who has not chosen one; a person's own choice always wins.
 */
export function adoptDeploymentLocale(locale: Locale): void {
  if (!chosenByUser && currentLocale() !== locale) void i18next.changeLanguage(locale);
}

/**
 * Starts i18next synchronously (the catalogues are bundled), so the first render is already in
 * the right language and no text flashes in the other one.
 */
export function setupI18n(): typeof i18next {
  const stored = readStoredLocale();
  const locale = pickLocale(window.location.search, stored);
  chosenByUser = normalizeLocale(stored) !== null || new URLSearchParams(window.location.search).has('lang');
  i18next.on('languageChanged', (lng) => applyLocale(normalizeLocale(lng) ?? DEFAULT_LOCALE));
  void i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: ['zh-CN', 'en'],
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  applyLocale(locale);
  return i18next;
}
