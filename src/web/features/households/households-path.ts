import type { z } from 'zod';
import { householdListQuerySchema } from '../../../shared/domain/household.ts';
import { idFrom, type RecordView, recordView } from '../../app/record-path.ts';
import { filterParams, filtersFromSearch } from '../../app/url-filters.ts';

/** What a /households address asks for: the list, one household, or nothing that exists. */
export function householdsView(pathname: string): RecordView {
  return recordView(pathname, 'households');
}

export function householdPath(id: string): string {
  return `/households/${id}`;
}

/** The list of one region's households (a community, grid or micro-grid), or of the whole scope. */
export function householdListPath(regionId?: string): string {
  return regionId ? `/households?${new URLSearchParams({ regionId })}` : '/households';
}

/** The region a list address is about, when it names a well-formed one. */
export function regionIdFrom(search: string): string | undefined {
  return idFrom(new URLSearchParams(search).get('regionId'));
}

/** The list's filters and page as an address carries them (`/households?regionId=…&tag=低保&page=3`). */
export const householdFiltersSchema = householdListQuerySchema
  .pick({ regionId: true, q: true, tag: true, page: true })
  .partial();
export type HouseholdFilters = z.infer<typeof householdFiltersSchema>;

export const householdFiltersFrom = (search: string): HouseholdFilters =>
  filtersFromSearch(householdFiltersSchema, search);

/** The list's address with these filters (page 1 is left out). */
export function householdsPath(filters: HouseholdFilters): string {
  const query = filterParams({ ...filters, page: filters.page === 1 ? undefined : filters.page }).toString();
  return query ? `/households?${query}` : '/households';
}
