import { Alert, Flex, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import type { UnmaskField } from '../../api/client.ts';
import { REASON_MAX, UNMASK_REASONS, type UnmaskReason, unmaskReasonText } from './unmask-reason.ts';

export interface UnmaskTarget {
  memberName: string;
  field: UnmaskField;
}

/**
 * Asks why before showing a full ID number or phone: the reason goes to the server, which records
 * it in the audit log with the view. `onConfirm` performs the request; a refusal stays in the modal.
 */
export function UnmaskModal({
  target,
  onConfirm,
  onClose,
}: {
  target: UnmaskTarget | null;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<UnmaskReason>('visit');
  const [otherText, setOtherText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const reason = unmaskReasonText(choice, otherText, (preset) => t(`households.reasons.${preset}`));
  const fieldLabel = target ? t(target.field === 'phone' ? 'households.phone' : 'households.idNumber') : '';

  const reset = () => {
    setChoice('visit');
    setOtherText('');
    setError(null);
    setBusy(false);
  };

  return (
    <Modal
      open={target !== null}
      title={t('households.unmaskTitle', { field: fieldLabel })}
      okText={t('households.unmaskConfirm')}
      cancelText={t('households.cancel')}
      okButtonProps={{ disabled: reason === undefined }}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={reset}
      onCancel={onClose}
      onOk={async () => {
        if (reason === undefined) return;
        setBusy(true);
        setError(null);
        try {
          await onConfirm(reason);
        } catch (caught) {
          setError(toApiError(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Flex vertical gap={12} data-testid="unmask-modal">
        <Typography.Text>
          {target && t('households.unmaskWho', { name: target.memberName, field: fieldLabel })}
        </Typography.Text>
        <Alert type="warning" showIcon title={t('households.unmaskAudited')} />
        <Typography.Text strong>{t('households.reason')}</Typography.Text>
        <Radio.Group
          value={choice}
          onChange={(event) => setChoice(event.target.value as UnmaskReason)}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={UNMASK_REASONS.map((value) => ({ value, label: t(`households.reasons.${value}`) }))}
        />
        {choice === 'other' && (
          <Input.TextArea
            autoFocus
            value={otherText}
            maxLength={REASON_MAX}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('households.reasonOtherPlaceholder')}
            aria-label={t('households.reasons.other')}
            onChange={(event) => setOtherText(event.target.value)}
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            data-testid="unmask-error"
            title={t(error.messageKey)}
            description={error.requestId ? `ID: ${error.requestId}` : undefined}
          />
        )}
      </Flex>
    </Modal>
  );
}
