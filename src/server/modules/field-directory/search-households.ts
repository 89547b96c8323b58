import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import type { FieldDirectoryRepository } from './field-directory.repository.ts';
import { searchTerms } from './search-terms.ts';

/**
 * Households in the caller's households:read reach, by search text and/or address parts (a
 * worker who meets someone in the stairwell finds their household by name, building or phone end).
 */
export function searchHouseholds(
  repo: FieldDirectoryRepository,
  principal: Principal,
  query: {
    q?: string | undefined;
    estate?: string | undefined;
    building?: string | undefined;
    unit?: string | undefined;
    after?: [string, string] | undefined;
    limit: number;
  },
) {
  const { q, estate, building, unit, after, limit } = query;
  return repo.householdPage(scopeFor(principal, 'households:read'), {
    ...searchTerms(q),
    ...(estate !== undefined ? { estate } : {}),
    ...(building !== undefined ? { building } : {}),
    ...(unit !== undefined ? { unit } : {}),
    ...(after ? { after } : {}),
    limit,
  });
}
