import { type GridMap, type GridMapQuery, gridMapSchema } from '../../../shared/domain/map.ts';
import type { ApiClient } from '../../api/client.ts';

/** The grid map's endpoint, parsed with the shared schema. */
export function fetchGridMap(
  api: ApiClient,
  query: Pick<GridMapQuery, 'regionId' | 'period'>,
  signal: AbortSignal,
): Promise<GridMap> {
  const params = new URLSearchParams({ regionId: query.regionId, period: query.period });
  return api.request('GET', `/api/v1/map/grids?${params}`, gridMapSchema, { signal });
}
