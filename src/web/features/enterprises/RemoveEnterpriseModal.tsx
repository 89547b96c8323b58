import { Alert, Flex, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { REASON_MAX, REASON_MIN } from '../households/unmask-reason.ts';

const REMOVE_REASONS = ['closed', 'movedAway', 'mistake', 'other'] as const;
type RemoveReason = (typeof REMOVE_REASONS)[number];

/** Asks why before taking an enterprise off the books; the reason goes to the audit log. */
export function RemoveEnterpriseModal({
  name,
  onConfirm,
  onClose,
}: {
  name: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<RemoveReason>('closed');
  const [otherText, setOtherText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const typed = otherText.trim();
  const reason =
    choice !== 'other'
      ? t(`enterprises.removeDialog.reasons.${choice}`)
      : typed.length >= REASON_MIN && typed.length <= REASON_MAX
        ? typed
        : undefined;

  return (
    <Modal
      open
      title={t('enterprises.removeDialog.title')}
      okText={t('enterprises.removeDialog.confirm')}
      okButtonProps={{ danger: true, disabled: reason === undefined }}
      cancelText={t('enterprises.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={async () => {
        if (reason === undefined) return;
        setBusy(true);
        setError(null);
        try {
          await onConfirm(reason);
        } catch (caught) {
          setError(toApiError(caught));
          setBusy(false);
        }
      }}
    >
      <Flex vertical gap={12} data-testid="remove-modal">
        <Typography.Text strong>{name}</Typography.Text>
        <Alert type="warning" showIcon title={t('enterprises.removeDialog.body')} />
        <Typography.Text strong>{t('enterprises.reason')}</Typography.Text>
        <Radio.Group
          value={choice}
          onChange={(event) => setChoice(event.target.value as RemoveReason)}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={REMOVE_REASONS.map((value) => ({
            value,
            label: t(`enterprises.removeDialog.reasons.${value}`),
          }))}
        />
        {choice === 'other' && (
          <Input.TextArea
            autoFocus
            value={otherText}
            maxLength={REASON_MAX}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('enterprises.reasonOtherPlaceholder')}
            aria-label={t('enterprises.removeDialog.reasons.other')}
            onChange={(event) => setOtherText(event.target.value)}
          />
        )}
        {error && <ApiErrorAlert error={error} />}
      </Flex>
    </Modal>
  );
}
