import enUS from 'antd/es/locale/en_US.js';
import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import zhCN from 'antd/es/locale/zh_CN.js';
import type { Locale } from '../../shared/i18n/locales.ts';

/**
 * antd ships these files as ESM without declaring its package as ESM, so TypeScript (NodeNext)
 * sees a CommonJS module whose `default` holds the locale, while the bundler hands over the
 * locale itself. Accept both shapes.
 */
function interop(imported: AntdLocale | { default: AntdLocale }): AntdLocale {
  return 'default' in imported ? imported.default : imported;
}

/** antd's own strings (pagination, pickers, empty states) for each interface language. */
export const ANTD_LOCALES: Record<Locale, AntdLocale> = { 'zh-CN': interop(zhCN), en: interop(enUS) };
