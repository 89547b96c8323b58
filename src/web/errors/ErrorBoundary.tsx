import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.ts';
import { buildClientErrorReport } from './client-error-report.ts';

interface Props {
  api: ApiClient;
  children: ReactNode;
}

interface State {
  crashed: boolean;
}

/**
 * Catches a crash in the routed content so the shell (navigation, language) stays usable, and
 * reports it to the server. The parent keys it by path, so navigating away clears the crash.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { crashed: false };

  static getDerivedStateFromError(): State {
    return { crashed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const report = buildClientErrorReport(error, info.componentStack, {
      url: window.location.href,
      userAgent: navigator.userAgent,
    });
    // Reporting is best effort: a failed report must not cause a second crash.
    this.props.api.reportClientError(report).catch(() => undefined);
  }

  override render(): ReactNode {
    return this.state.crashed ? <CrashResult /> : this.props.children;
  }
}

function CrashResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('crash.title')}
      subTitle={t('crash.subtitle')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </Button>
      }
    />
  );
}
