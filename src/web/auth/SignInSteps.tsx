import { Alert, Button, Flex, Form, type FormInstance, Input, Skeleton, Typography } from 'antd';
import { type Dispatch, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/api-error.ts';
import { useAsync } from '../api/use-async.ts';
import { useApi } from '../app/api-context.tsx';
import { ApiErrorAlert } from '../errors/ApiErrorAlert.tsx';
import { type SignInErrorMessage, type SignInStage, signInErrorMessage } from './sign-in-errors.ts';
import { groupSecret, isOtp, normalizeOtp, type SignInEvent } from './sign-in-flow.ts';

type Dispatcher = Dispatch<SignInEvent>;

export interface PasswordFields {
  username: string;
  password: string;
}

/** Busy flag and the last refusal for one step's submit button. */
function useSubmit(stage: SignInStage) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SignInErrorMessage | null>(null);
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await action();
      } catch (caught) {
        setError(signInErrorMessage(toApiError(caught), stage));
      } finally {
        setBusy(false);
      }
    },
    [stage],
  );
  return { busy, error, run };
}

function StepError({ error }: { error: SignInErrorMessage | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="sign-in-error"
      title={t(error.key, error.values ?? {})}
      description={
        error.details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {error.details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

function StepHeading({ title, hint }: { title: string; hint: string }) {
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {hint}
      </Typography.Paragraph>
    </div>
  );
}

/** The error of the last attempt, if any, above the step's submit button. */
function SubmitRow({
  error,
  busy,
  label,
}: {
  error: SignInErrorMessage | null;
  busy: boolean;
  label: string;
}) {
  return (
    <Flex vertical gap={12}>
      <StepError error={error} />
      <Button type="primary" htmlType="submit" block loading={busy}>
        {label}
      </Button>
    </Flex>
  );
}

/** Switching between the authenticator and a recovery code, and starting over. */
function StepFooter({
  dispatch,
  switchTo,
  label,
}: {
  dispatch: Dispatcher;
  switchTo: 'useRecoveryCode' | 'useAuthenticator';
  label: string;
}) {
  return (
    <Flex justify="space-between" wrap gap={8}>
      <Button type="link" style={{ padding: 0 }} onClick={() => dispatch({ type: switchTo })}>
        {label}
      </Button>
      <RestartLink dispatch={dispatch} />
    </Flex>
  );
}

/** Back to the password: for a half-finished sign-in that has expired or gone wrong. */
function RestartLink({ dispatch }: { dispatch: Dispatcher }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <Button
      type="link"
      style={{ padding: 0 }}
      onClick={() => {
        // Drops the half-finished session on the server; best effort.
        void api.logout().catch(() => undefined);
        dispatch({ type: 'restart' });
      }}
    >
      {t('auth.restart')}
    </Button>
  );
}

export function PasswordStep({
  form,
  dispatch,
}: {
  form: FormInstance<PasswordFields>;
  dispatch: Dispatcher;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { busy, error, run } = useSubmit('password');
  return (
    <Form<PasswordFields>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) =>
        run(async () => {
          const next = await api.login(values.username.trim(), values.password);
          dispatch({ type: 'accepted', next });
        })
      }
    >
      <Form.Item
        name="username"
        label={t('auth.username')}
        rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
      >
        <Input autoComplete="username" autoFocus maxLength={64} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('auth.password')}
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" maxLength={256} />
      </Form.Item>
      <SubmitRow error={error} busy={busy} label={t('auth.signIn')} />
    </Form>
  );
}

interface CodeFields {
  code: string;
}

/** A six-digit one-time code field, as authenticator apps show it. */
function OtpField({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="code"
      label={label}
      normalize={(value: string) => normalizeOtp(value ?? '')}
      rules={[
        {
          validator: (_rule, value: string | undefined) =>
            isOtp(value ?? '') ? Promise.resolve() : Promise.reject(new Error(t('auth.codeFormat'))),
        },
      ]}
    >
      <Input
        autoComplete="one-time-code"
        inputMode="numeric"
        autoFocus
        maxLength={6}
        style={{ fontFamily: 'monospace', letterSpacing: 4, fontSize: 18 }}
      />
    </Form.Item>
  );
}

export function TotpStep({ dispatch }: { dispatch: Dispatcher }) {
  const { t } = useTranslation();
  const api = useApi();
  const { busy, error, run } = useSubmit('code');
  return (
    <Flex vertical gap={12}>
      <StepHeading title={t('auth.totpTitle')} hint={t('auth.totpHint')} />
      <Form<CodeFields>
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          run(async () => {
            dispatch({ type: 'accepted', next: await api.verifyTotp(normalizeOtp(values.code)) });
          })
        }
      >
        <OtpField label={t('auth.code')} />
        <SubmitRow error={error} busy={busy} label={t('auth.verify')} />
      </Form>
      <StepFooter dispatch={dispatch} switchTo="useRecoveryCode" label={t('auth.useRecoveryCode')} />
    </Flex>
  );
}

export function RecoveryStep({ dispatch }: { dispatch: Dispatcher }) {
  const { t } = useTranslation();
  const api = useApi();
  const { busy, error, run } = useSubmit('code');
  return (
    <Flex vertical gap={12}>
      <StepHeading title={t('auth.recoveryTitle')} hint={t('auth.recoveryHint')} />
      <Form<CodeFields>
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          run(async () => {
            dispatch({ type: 'accepted', next: await api.verifyRecoveryCode(values.code.trim()) });
          })
        }
      >
        <Form.Item
          name="code"
          label={t('auth.recoveryCode')}
          rules={[{ required: true, whitespace: true, min: 8, max: 32, message: t('auth.recoveryFormat') }]}
        >
          <Input autoComplete="off" autoFocus maxLength={32} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <SubmitRow error={error} busy={busy} label={t('auth.verify')} />
      </Form>
      <StepFooter dispatch={dispatch} switchTo="useAuthenticator" label={t('auth.useAuthenticator')} />
    </Flex>
  );
}

export function EnrollStep({ dispatch }: { dispatch: Dispatcher }) {
  const { t } = useTranslation();
  const api = useApi();
  const load = useCallback(() => api.startTotpEnrollment(), [api]);
  const enrollment = useAsync(load);
  const { busy, error, run } = useSubmit('code');
  return (
    <Flex vertical gap={12}>
      <StepHeading title={t('auth.enrollTitle')} hint={t('auth.enrollHint')} />
      {enrollment.status === 'loading' && <Skeleton.Node active style={{ width: 200, height: 200 }} />}
      {enrollment.status === 'error' && (
        <ApiErrorAlert error={enrollment.error} onRetry={enrollment.reload} />
      )}
      {enrollment.status === 'success' && (
        <>
          <Flex justify="center">
            <img
              src={enrollment.data.qrSvgDataUrl}
              alt={t('auth.qrAlt')}
              width={200}
              height={200}
              data-testid="totp-qr"
              style={{ background: '#fff', padding: 8 }}
            />
          </Flex>
          <div>
            <Typography.Text type="secondary">{t('auth.secret')}</Typography.Text>
            <div>
              <Typography.Text
                code
                copyable={{ text: enrollment.data.secret }}
                style={{ fontSize: 15, wordBreak: 'break-all' }}
              >
                <span data-testid="totp-secret">{groupSecret(enrollment.data.secret)}</span>
              </Typography.Text>
            </div>
          </div>
          <Form<CodeFields>
            layout="vertical"
            requiredMark={false}
            onFinish={(values) =>
              run(async () => {
                const confirmed = await api.confirmTotpEnrollment(normalizeOtp(values.code));
                dispatch({ type: 'enrolled', next: confirmed.next, recoveryCodes: confirmed.recoveryCodes });
              })
            }
          >
            <OtpField label={t('auth.code')} />
            <SubmitRow error={error} busy={busy} label={t('auth.confirmEnrollment')} />
          </Form>
        </>
      )}
      <RestartLink dispatch={dispatch} />
    </Flex>
  );
}

export function RecoveryCodesStep({ codes, dispatch }: { codes: readonly string[]; dispatch: Dispatcher }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      <StepHeading title={t('auth.codesTitle')} hint={t('auth.codesHint')} />
      <Alert type="warning" showIcon title={t('auth.codesOnce')} />
      <ol
        data-testid="recovery-codes"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
          gap: '6px 24px',
          margin: 0,
          paddingInlineStart: 24,
          fontFamily: 'monospace',
          fontSize: 15,
        }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Typography.Text copyable={{ text: codes.join('\n') }}>{t('auth.copyCodes')}</Typography.Text>
      <Button
        type="primary"
        block
        data-testid="recovery-codes-saved"
        onClick={() => dispatch({ type: 'codesSaved' })}
      >
        {t('auth.codesSaved')}
      </Button>
    </Flex>
  );
}

interface NewPasswordFields {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordStep({ dispatch }: { dispatch: Dispatcher }) {
  const { t } = useTranslation();
  const api = useApi();
  const { busy, error, run } = useSubmit('newPassword');
  return (
    <Flex vertical gap={12}>
      <StepHeading title={t('auth.changeTitle')} hint={t('auth.changeHint')} />
      <Form<NewPasswordFields>
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          run(async () => {
            dispatch({
              type: 'accepted',
              next: await api.changePassword(values.currentPassword, values.newPassword),
            });
          })
        }
      >
        <Form.Item
          name="currentPassword"
          label={t('auth.currentPassword')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus maxLength={256} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('auth.passwordPolicy')}
          rules={[{ required: true, min: 8, max: 256, message: t('auth.passwordTooShort') }]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <SubmitRow error={error} busy={busy} label={t('auth.changeSubmit')} />
      </Form>
      <RestartLink dispatch={dispatch} />
    </Flex>
  );
}
