import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Whether a department or case category is in use (an inactive one stays on old records). */
export function StatusTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Tag color="green">{t('org.common.active')}</Tag> : <Tag>{t('org.common.inactive')}</Tag>;
}
