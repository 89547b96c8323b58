import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeForAll } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';

/**
 * The place a leader reads figures of: it must be within reach of both cases and visits (figures
 * mix the two); elsewhere NOT_FOUND, as for any record out of scope.
 */
export async function figurePlace(db: Kysely<DB>, principal: Principal, regionId: string) {
  const scope = scopeForAll(principal, ['cases:read', 'visits:read']);
  const region = await regionInScope(createRegionRepository(db), scope, regionId);
  return { scope, region, district: scope.districtCode };
}
