import type { FieldPlaceList } from '../../../shared/domain/field-directory.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import type { FieldDirectoryRepository } from './field-directory.repository.ts';

/**
 * One level of the browse estate → building → unit within the caller's households:read reach:
 * estates with nothing chosen, the estate's buildings, the building's units. The rooms of a unit
 * are its households (search-households.ts with the three parts).
 */
export async function browsePlaces(
  repo: FieldDirectoryRepository,
  principal: Principal,
  chosen: { estate?: string | undefined; building?: string | undefined },
): Promise<FieldPlaceList> {
  const level = chosen.estate === undefined ? 'estate' : chosen.building === undefined ? 'building' : 'unit';
  const rows = await repo.places(scopeFor(principal, 'households:read'), level, {
    ...(chosen.estate !== undefined ? { estate: chosen.estate } : {}),
    ...(chosen.building !== undefined ? { building: chosen.building } : {}),
  });
  return { level, items: rows.map((r) => ({ value: r.value, households: Number(r.households) })) };
}
