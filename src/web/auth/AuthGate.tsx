import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Shell } from '../app/Shell.tsx';
import { ApiErrorAlert } from '../errors/ApiErrorAlert.tsx';
import { useAuth } from './auth-context.tsx';
import { SignInPage } from './SignInPage.tsx';

/** The app for a signed-in user; the sign-in page for anyone else. */
export function AuthGate() {
  const { t } = useTranslation();
  const { state, refresh } = useAuth();
  switch (state.status) {
    case 'loading':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
          <Spin size="large" description={t('app.loading')} />
        </Flex>
      );
    case 'error':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 24 }}>
          <ApiErrorAlert error={state.error} onRetry={() => void refresh()} />
        </Flex>
      );
    case 'signedOut':
      return <SignInPage notice={state.notice} />;
    case 'signedIn':
      // Keyed by user: nothing of one person's page state carries over to the next.
      return <Shell key={state.me.id} />;
  }
}
