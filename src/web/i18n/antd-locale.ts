import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import enUS from 'antd/es/locale/en_US.js';
import zhCN from 'antd/es/locale/zh_CN.js';
import type { Locale } from '../../shared/i18n/locales.ts';

/** antd's own strings (pagination, pickers, empty states) for each interface language. */
export const ANTD_LOCALES: Record<Locale, AntdLocale> = { 'zh-CN': zhCN, en: enUS };
