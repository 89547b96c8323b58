import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The chip a list narrowed to one household's or enterprise's records shows (the "see all" links
 * of a record's page lead there), named when the link passed the record's name; closing it lifts
 * the filter. Nothing when the list is not narrowed to a record.
 */
export function TargetFilterTag({
  householdId,
  enterpriseId,
  name,
  onClose,
  testId,
}: {
  householdId?: string | undefined;
  enterpriseId?: string | undefined;
  name?: string | undefined;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  if (!householdId && !enterpriseId) return null;
  const household = householdId !== undefined;
  const text = name
    ? t(household ? 'records.history.ofHousehold' : 'records.history.ofEnterprise', { name })
    : t(household ? 'records.history.oneHousehold' : 'records.history.oneEnterprise');
  return (
    <Tag
      closable
      onClose={onClose}
      style={{ alignSelf: 'flex-start', marginInlineEnd: 0 }}
      data-testid={testId}
    >
      {text}
    </Tag>
  );
}
