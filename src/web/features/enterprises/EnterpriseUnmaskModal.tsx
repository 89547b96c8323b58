import { Alert, Flex, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import {
  REASON_MAX,
  UNMASK_REASONS,
  type UnmaskReason,
  unmaskReasonText,
} from '../households/unmask-reason.ts';

/**
 * Asks why before showing an enterprise contact's full phone; the server records the reason with
 * the view. Like the households' dialog, with reasons that fit an enterprise.
 */
export function EnterpriseUnmaskModal({
  contactName,
  onConfirm,
  onClose,
}: {
  contactName: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<UnmaskReason>('visit');
  const [otherText, setOtherText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const reason = unmaskReasonText(choice, otherText, (preset) => t(`enterprises.unmaskReasons.${preset}`));

  return (
    <Modal
      open
      title={t('enterprises.unmaskTitle')}
      okText={t('enterprises.unmaskConfirm')}
      cancelText={t('enterprises.cancel')}
      okButtonProps={{ disabled: reason === undefined }}
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
      <Flex vertical gap={12} data-testid="unmask-modal">
        <Typography.Text>{t('enterprises.unmaskWho', { name: contactName })}</Typography.Text>
        <Alert type="warning" showIcon title={t('enterprises.unmaskAudited')} />
        <Typography.Text strong>{t('enterprises.reason')}</Typography.Text>
        <Radio.Group
          value={choice}
          onChange={(event) => setChoice(event.target.value as UnmaskReason)}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={UNMASK_REASONS.map((value) => ({ value, label: t(`enterprises.unmaskReasons.${value}`) }))}
        />
        {choice === 'other' && (
          <Input.TextArea
            autoFocus
            value={otherText}
            maxLength={REASON_MAX}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('enterprises.reasonOtherPlaceholder')}
            aria-label={t('enterprises.unmaskReasons.other')}
            onChange={(event) => setOtherText(event.target.value)}
          />
        )}
        {error && <ApiErrorAlert error={error} />}
      </Flex>
    </Modal>
  );
}
