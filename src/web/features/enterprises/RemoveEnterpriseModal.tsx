import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ReasonModal } from '../../components/ReasonModal.tsx';

const REMOVE_REASONS = ['closed', 'movedAway', 'mistake', 'other'] as const;

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
  return (
    <ReasonModal
      title={t('enterprises.removeDialog.title')}
      okText={t('enterprises.removeDialog.confirm')}
      cancelText={t('enterprises.cancel')}
      danger
      lead={<Typography.Text strong>{name}</Typography.Text>}
      warning={t('enterprises.removeDialog.body')}
      reasonTitle={t('enterprises.reason')}
      reasons={REMOVE_REASONS}
      reasonLabel={(reason) => t(`enterprises.removeDialog.reasons.${reason}`)}
      otherPlaceholder={t('enterprises.reasonOtherPlaceholder')}
      testId="remove-modal"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
