import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { UNMASK_REASONS } from '../households/unmask-reason.ts';

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
  return (
    <ReasonModal
      title={t('enterprises.unmaskTitle')}
      okText={t('enterprises.unmaskConfirm')}
      cancelText={t('enterprises.cancel')}
      lead={<Typography.Text>{t('enterprises.unmaskWho', { name: contactName })}</Typography.Text>}
      warning={t('enterprises.unmaskAudited')}
      reasonTitle={t('enterprises.reason')}
      reasons={UNMASK_REASONS}
      reasonLabel={(reason) => t(`enterprises.unmaskReasons.${reason}`)}
      otherPlaceholder={t('enterprises.reasonOtherPlaceholder')}
      testId="unmask-modal"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
