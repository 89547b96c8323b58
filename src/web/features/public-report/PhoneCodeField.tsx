import { Button, Form, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';

/**
 * The SMS code of a district that asks reporters to confirm their phone: a button sends a code to
 * the number typed above (then waits before it may send again), the field takes the six digits.
 */
export function PhoneCodeField({
  readPhone,
  send,
}: {
  /** The phone field's value once it validates, else null. */
  readPhone: () => Promise<string | null>;
  send: (phone: string) => Promise<{ resendAfterSeconds: number }>;
}) {
  const { t } = useTranslation();
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const sendCode = async () => {
    const phone = await readPhone();
    if (!phone) return;
    setSending(true);
    setFailure(null);
    try {
      const answer = await send(phone);
      setSent(true);
      setWait(answer.resendAfterSeconds);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : ApiError.fromStatus(0);
      setFailure(apiError);
      if (apiError.retryAfterSeconds) setWait(Math.min(apiError.retryAfterSeconds, 3600));
    } finally {
      setSending(false);
    }
  };

  return (
    <Form.Item
      label={t('publicReport.phoneCode')}
      required
      extra={sent ? t('publicReport.phoneCodeSent') : t('publicReport.phoneCodeHint')}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name="phoneCode"
          noStyle
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('publicReport.phoneCodeInvalid') }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="phone-code" />
        </Form.Item>
        <Button
          onClick={() => void sendCode()}
          disabled={wait > 0}
          loading={sending}
          data-testid="send-phone-code"
        >
          {wait > 0 ? t('publicReport.phoneCodeWait', { seconds: wait }) : t('publicReport.phoneCodeSend')}
        </Button>
      </Space.Compact>
      {failure ? (
        <div style={{ marginTop: 8 }}>
          <ApiErrorAlert error={failure} />
        </div>
      ) : null}
    </Form.Item>
  );
}
