import type { Scope } from '../auth/scope.ts';
import { regionInScope } from './region-in-scope.ts';
import type { RegionRepository } from './regions.repository.ts';

/**
 * Turns an optional `regionId` list filter into the region's path, refusing a region outside the
 * scope with the same 404 as an unknown one.
 */
export async function regionPathFilter(
  regions: RegionRepository,
  scope: Scope,
  regionId: string | undefined,
): Promise<{ regionPath?: string }> {
  if (!regionId) return {};
  return { regionPath: (await regionInScope(regions, scope, regionId)).path };
}
