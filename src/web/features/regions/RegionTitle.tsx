import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegionLevel, RegionNode } from '../../../shared/domain/region.ts';

const LEVEL_COLORS: Record<RegionLevel, string> = {
  district: 'red',
  street: 'volcano',
  community: 'blue',
  grid: 'green',
  micro_grid: 'cyan',
};

/** One tree row: the name, its level, and the households and enterprises below it. */
export function RegionTitle({ region }: { region: RegionNode }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={8} wrap data-region-id={region.id}>
      <Typography.Text strong={region.level === 'district' || region.level === 'street'}>
        {region.name}
      </Typography.Text>
      <Tag color={LEVEL_COLORS[region.level]} style={{ marginInlineEnd: 0 }}>
        {t(`levels.${region.level}`)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('regions.counts', { households: region.householdCount, enterprises: region.enterpriseCount })}
      </Typography.Text>
    </Flex>
  );
}
