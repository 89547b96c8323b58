import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnmaskField } from '../../api/client.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { UNMASK_REASONS } from './unmask-reason.ts';

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
  const fieldLabel = target ? t(target.field === 'phone' ? 'households.phone' : 'households.idNumber') : '';
  return (
    <ReasonModal
      open={target !== null}
      title={t('households.unmaskTitle', { field: fieldLabel })}
      okText={t('households.unmaskConfirm')}
      cancelText={t('households.cancel')}
      lead={
        <Typography.Text>
          {target && t('households.unmaskWho', { name: target.memberName, field: fieldLabel })}
        </Typography.Text>
      }
      warning={t('households.unmaskAudited')}
      reasonTitle={t('households.reason')}
      reasons={UNMASK_REASONS}
      reasonLabel={(reason) => t(`households.reasons.${reason}`)}
      otherPlaceholder={t('households.reasonOtherPlaceholder')}
      testId="unmask-modal"
      errorTestId="unmask-error"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
