import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import type { FieldDirectoryRepository } from './field-directory.repository.ts';
import { searchTerms } from './search-terms.ts';

/** Enterprises in the caller's enterprises:read reach, by name, address, contact or phone end; a liaison's own with `mine`. */
export function searchEnterprises(
  repo: FieldDirectoryRepository,
  principal: Principal,
  query: { q?: string | undefined; mine: boolean; after?: [string, string] | undefined; limit: number },
) {
  return repo.enterprisePage(scopeFor(principal, 'enterprises:read'), {
    ...searchTerms(query.q),
    ...(query.mine ? { liaisonUserId: principal.userId } : {}),
    ...(query.after ? { after: query.after } : {}),
    limit: query.limit,
  });
}
