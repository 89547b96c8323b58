import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALE_LABELS, LOCALES, type Locale } from '../../shared/i18n/locales.ts';
import { chooseLocale, currentLocale } from './setup.ts';

/** 中文 / English toggle; the choice is stored by the i18n setup's languageChanged listener. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('app.language')}
      value={currentLocale()}
      options={LOCALES.map((locale) => ({
        value: locale,
        label: <span lang={locale}>{LOCALE_LABELS[locale]}</span>,
      }))}
      onChange={(locale) => void chooseLocale(locale)}
    />
  );
}
