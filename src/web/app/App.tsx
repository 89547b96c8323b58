import { App as AntdApp, ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import { ANTD_LOCALES } from '../i18n/antd-locale.ts';
import { currentLocale } from '../i18n/setup.ts';
import { useApi } from './api-context.tsx';
import { MetaProvider } from './meta-context.tsx';
import { Shell } from './Shell.tsx';

/** Providers around the shell: antd in the interface language, and the deployment's metadata. */
export function App() {
  // Subscribes to language changes, so antd's locale follows i18next's.
  useTranslation();
  const api = useApi();
  return (
    <ConfigProvider locale={ANTD_LOCALES[currentLocale()]} theme={{ token: { colorPrimary: '#c8102e' } }}>
      <AntdApp>
        <MetaProvider api={api}>
          <Shell />
        </MetaProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
