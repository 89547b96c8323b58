import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A one-time password, shown once: the server never shows it again, so closing this is the end
 * of it. The person receives it directly and changes it at their first sign-in.
 */
export function OneTimePasswordModal({
  username,
  password,
  kind,
  onClose,
}: {
  username: string;
  password: string;
  kind: 'created' | 'reset';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('accounts.otpTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="one-time-password-done">
          {t('accounts.otpDone')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          {t(kind === 'created' ? 'accounts.otpCreated' : 'accounts.otpReset', { username })}
        </Typography.Text>
        <Typography.Paragraph
          code
          copyable={{
            text: password,
            tooltips: [t('accounts.otpCopy'), t('accounts.otpCopied')],
          }}
          style={{ fontSize: 18, margin: 0 }}
          data-testid="one-time-password"
        >
          {password}
        </Typography.Paragraph>
        <Alert type="warning" showIcon title={t('accounts.otpWarning')} />
      </Flex>
    </Modal>
  );
}
