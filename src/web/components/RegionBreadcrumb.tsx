import { Breadcrumb } from 'antd';
import type { ReactNode } from 'react';
import { followLink } from '../app/router.ts';

/** Levels whose lists can be opened (the Regions page links the same ones). */
const LISTABLE_LEVELS = new Set(['community', 'grid', 'micro_grid']);

/**
 * Where a record sits, down the hierarchy to the record itself. Communities, grids and
 * micro-grids link to their list of the same records, which shows the region's name.
 */
export function RegionBreadcrumb({
  path,
  listPath,
  current,
  testId,
}: {
  path: readonly { id: string; name: string; level: string }[];
  listPath: (regionId: string) => string;
  current: { key: string; title: ReactNode };
  testId: string;
}) {
  const items = [
    ...path.map((region) => {
      if (!LISTABLE_LEVELS.has(region.level)) return { key: region.id, title: region.name };
      const to = listPath(region.id);
      return {
        key: region.id,
        title: (
          <a href={to} onClick={(event) => followLink(event, to, { regionName: region.name })}>
            {region.name}
          </a>
        ),
      };
    }),
    current,
  ];
  return <Breadcrumb items={items} data-testid={testId} />;
}
