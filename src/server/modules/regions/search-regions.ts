import type { RegionSearchHit } from '../../../shared/domain/region.ts';
import type { Scope } from '../auth/scope.ts';
import { regionPathFilter } from './region-filter.ts';
import type { RegionRepository } from './regions.repository.ts';

/**
 * Regions in scope whose name or code contains `q` (optionally below one node), each with the
 * names of its ancestors: a path's segments are the ancestors' codes, looked up in one query.
 */
export async function searchRegions(
  regions: RegionRepository,
  scope: Scope,
  query: { q: string; regionId?: string | undefined; limit: number },
): Promise<RegionSearchHit[]> {
  const { regionPath } = await regionPathFilter(regions, scope, query.regionId);
  const hits = await regions.search(scope, query.q, {
    limit: query.limit,
    ...(regionPath ? { underPath: regionPath } : {}),
  });
  const ancestorCodes = (path: string) => path.split('.').slice(0, -1);
  const crumbs = await regions.byCodes(
    scope.districtCode,
    hits.flatMap((h) => ancestorCodes(h.path)),
  );
  return hits.map((h) => ({
    id: h.id,
    parentId: h.parent_id,
    level: h.level,
    code: h.code,
    name: h.name,
    kind: h.kind,
    path: h.path,
    breadcrumb: ancestorCodes(h.path).flatMap((code) => {
      const crumb = crumbs.get(code);
      return crumb ? [crumb] : [];
    }),
  }));
}
