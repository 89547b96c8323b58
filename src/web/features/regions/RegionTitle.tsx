import { TeamOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionLevel, RegionNode } from '../../../shared/domain/region.ts';
import { followLink } from '../../app/router.ts';
import { householdListPath } from '../households/households-path.ts';

const LEVEL_COLORS: Record<RegionLevel, string> = {
  district: 'red',
  street: 'volcano',
  community: 'blue',
  grid: 'green',
  micro_grid: 'cyan',
};

/** Levels whose households are listed from the tree: small enough to browse. */
const HOUSEHOLD_LIST_LEVELS: readonly RegionLevel[] = ['community', 'grid', 'micro_grid'];

/**
 * One tree row: the name, its level, and the households and enterprises below it; communities and
 * grids link to their household list when the user may read households.
 */
export function RegionTitle({
  region,
  householdsLink,
  extra,
}: {
  region: RegionNode;
  householdsLink: boolean;
  /** Shown at the end of the row, e.g. the node's edit actions. */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const listPath = householdListPath(region.id);
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
      {householdsLink && HOUSEHOLD_LIST_LEVELS.includes(region.level) && region.householdCount > 0 && (
        <a
          href={listPath}
          data-testid="region-households-link"
          onClick={(event) => {
            // The row itself selects or expands; the link only navigates.
            event.stopPropagation();
            followLink(event, listPath, { regionName: region.name });
          }}
        >
          <TeamOutlined /> {t('regions.viewHouseholds')}
        </a>
      )}
      {extra}
    </Flex>
  );
}
