import { App as AntdApp, ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuthGate } from '../auth/AuthGate.tsx';
import { AuthProvider } from '../auth/auth-context.tsx';
import { PublicExamplesPage } from '../features/examples/PublicExamplesPage.tsx';
import { isPublicSurveyPath, isShowcasePath } from '../features/examples/public-paths.ts';
import { isPublicCodePath } from '../features/public-codes/public-code-path.ts';
import { PublicReportPage } from '../features/public-report/PublicReportPage.tsx';
import { isPublicReportPath } from '../features/public-report/public-report-path.ts';
import { ResidentStatusPage } from '../features/resident-status/ResidentStatusPage.tsx';
import { isStatusPagePath } from '../features/resident-status/status-page-path.ts';
import { PublicSurveyPage } from '../features/surveys/PublicSurveyPage.tsx';
import { ANTD_LOCALES } from '../i18n/antd-locale.ts';
import { currentLocale } from '../i18n/setup.ts';
import { useApi } from './api-context.tsx';
import { MetaProvider } from './meta-context.tsx';
import { usePathname } from './router.ts';

/**
 * Providers around the app: antd in the interface language, the deployment's metadata (public,
 * also needed by the sign-in page) and who is signed in; then the sign-in page or the shell.
 */
export function App() {
  // Subscribes to language changes, so antd's locale follows i18next's.
  useTranslation();
  const api = useApi();
  // The QR code report form (`/report/<regionId>`, `/q/<code>`), the examples page, the survey
  // form and the resident's status page are public: they render without asking who is signed in.
  const pathname = usePathname();
  return (
    <ConfigProvider locale={ANTD_LOCALES[currentLocale()]} theme={{ token: { colorPrimary: '#c8102e' } }}>
      <AntdApp>
        <MetaProvider api={api}>
          {isPublicReportPath(pathname) || isPublicCodePath(pathname) ? (
            <PublicReportPage pathname={pathname} />
          ) : isShowcasePath(pathname) ? (
            <PublicExamplesPage pathname={pathname} />
          ) : isPublicSurveyPath(pathname) ? (
            <PublicSurveyPage pathname={pathname} />
          ) : isStatusPagePath(pathname) ? (
            <ResidentStatusPage pathname={pathname} />
          ) : (
            <AuthProvider api={api}>
              <AuthGate />
            </AuthProvider>
          )}
        </MetaProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
