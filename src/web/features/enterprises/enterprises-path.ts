import { type RecordView, recordView } from '../../app/record-path.ts';
import { regionIdFrom } from '../households/households-path.ts';

/** What an /enterprises address asks for: the list, one enterprise, or nothing that exists. */
export function enterprisesView(pathname: string): RecordView {
  return recordView(pathname, 'enterprises');
}

export function enterprisePath(id: string): string {
  return `/enterprises/${id}`;
}

/** What a list address filters by: a region, a tag, only "my enterprises". */
export interface EnterpriseListFilters {
  regionId: string | undefined;
  tag: string | undefined;
  mine: boolean;
}

export function enterpriseListPath(filters: Partial<EnterpriseListFilters> = {}): string {
  const params = new URLSearchParams();
  if (filters.regionId) params.set('regionId', filters.regionId);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.mine) params.set('liaison', 'me');
  const query = params.toString();
  return query ? `/enterprises?${query}` : '/enterprises';
}

/** The filters a list address names; malformed values are ignored rather than sent on. */
export function listFiltersFrom(search: string): EnterpriseListFilters {
  const params = new URLSearchParams(search);
  const tag = params.get('tag')?.trim();
  return {
    regionId: regionIdFrom(search),
    tag: tag && tag.length <= 20 ? tag : undefined,
    mine: params.get('liaison') === 'me',
  };
}
