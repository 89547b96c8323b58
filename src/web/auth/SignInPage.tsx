import { Alert, Card, Flex, Form, Layout, Typography, theme } from 'antd';
import { useEffect, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../app/meta-context.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useAuth } from './auth-context.tsx';
import { DemoAccounts } from './DemoAccounts.tsx';
import {
  ChangePasswordStep,
  EnrollStep,
  type PasswordFields,
  PasswordStep,
  RecoveryCodesStep,
  RecoveryStep,
  TotpStep,
} from './SignInSteps.tsx';
import { initialSignIn, type SignInNotice, signInReducer } from './sign-in-flow.ts';

const NOTICE_TYPES: Record<SignInNotice, 'success' | 'warning' | 'info'> = {
  signedOut: 'success',
  expired: 'warning',
  restarted: 'info',
};

/**
 * Signing in, step by step as the server directs: password, then enrolling an authenticator (with
 * recovery codes shown once) or a one-time code (or a recovery code), then a new password when one
 * is due. Shown instead of the app to anyone not fully signed in.
 */
export function SignInPage({ notice }: { notice?: SignInNotice | undefined }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const meta = useMeta();
  const auth = useAuth();
  const [state, dispatch] = useReducer(signInReducer, notice, initialSignIn);
  const [form] = Form.useForm<PasswordFields>();

  useEffect(() => {
    if (state.step !== 'done') return;
    void auth.refresh().then((signedIn) => {
      // The server said "done" but does not know us: start over rather than hang.
      if (!signedIn) dispatch({ type: 'restart', notice: 'restarted' });
    });
  }, [state.step, auth]);

  const demoLogin = meta.data?.demoLogin ?? null;
  const district = meta.data?.district?.name;

  return (
    <Layout style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <Flex
        justify="space-between"
        align="center"
        gap={12}
        wrap
        style={{ padding: '12px 20px', background: token.colorBgContainer }}
      >
        <Typography.Text strong style={{ fontSize: 18, color: token.colorPrimary }} data-testid="brand">
          {t('app.productName')}
        </Typography.Text>
        <LanguageSwitch />
      </Flex>
      <main style={{ flex: 1 }}>
        <Flex vertical align="center" gap={16} style={{ padding: '32px 12px' }}>
          <Card style={{ width: '100%', maxWidth: 440 }} data-testid="sign-in" data-step={state.step}>
            <Flex vertical gap={16}>
              <div>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  {t('auth.title')}
                </Typography.Title>
                {district && (
                  <Typography.Text type="secondary" data-testid="district-name">
                    {district}
                  </Typography.Text>
                )}
              </div>
              {meta.data?.demo && (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="demo-notice"
                  title={t('auth.demoNoticeTitle')}
                  description={t('auth.demoNotice')}
                />
              )}
              {state.step === 'password' && state.notice && (
                <Alert
                  type={NOTICE_TYPES[state.notice]}
                  showIcon
                  data-testid="sign-in-notice"
                  title={t(`auth.notice.${state.notice}`)}
                />
              )}
              {state.step === 'password' && <PasswordStep form={form} dispatch={dispatch} />}
              {state.step === 'totp' && <TotpStep dispatch={dispatch} />}
              {state.step === 'recovery' && <RecoveryStep dispatch={dispatch} />}
              {state.step === 'enroll' && <EnrollStep dispatch={dispatch} />}
              {state.step === 'recoveryCodes' && (
                <RecoveryCodesStep codes={state.codes} dispatch={dispatch} />
              )}
              {state.step === 'changePassword' && <ChangePasswordStep dispatch={dispatch} />}
              {state.step === 'done' && (
                <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>
              )}
            </Flex>
          </Card>
          {state.step === 'password' && demoLogin && demoLogin.accounts.length > 0 && (
            <DemoAccounts
              demoLogin={demoLogin}
              onPick={(username) => form.setFieldsValue({ username, password: demoLogin.password })}
            />
          )}
        </Flex>
      </main>
    </Layout>
  );
}
