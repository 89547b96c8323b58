import { pageNumberSchema } from '../../../shared/domain/paging.ts';
import { type RecordView, recordView } from '../../app/record-path.ts';
import { regionIdFrom } from '../households/households-path.ts';

/** What an /enterprises address asks for: the list, one enterprise, or nothing that exists. */
export function enterprisesView(pathname: string): RecordView {
  return recordView(pathname, 'enterprises');
}

export function enterprisePath(id: string): string {
  return `/enterprises/${id}`;
}

/** What a list address filters by: a region, a tag, only "my enterprises", a search; and the page. */
export interface EnterpriseListFilters {
  regionId: string | undefined;
  tag: string | undefined;
  mine: boolean;
  q?: string | undefined;
  /** Page 1 when absent. */
  page?: number | undefined;
}

export function enterpriseListPath(filters: Partial<EnterpriseListFilters> = {}): string {
  const params = new URLSearchParams();
  if (filters.regionId) params.set('regionId', filters.regionId);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.mine) params.set('liaison', 'me');
  if (filters.q) params.set('q', filters.q);
  if (filters.page && filters.page > 1) params.set('page', String(filters.page));
  const query = params.toString();
  return query ? `/enterprises?${query}` : '/enterprises';
}

/** The filters a list address names; malformed values are ignored rather than sent on. */
export function listFiltersFrom(search: string): EnterpriseListFilters {
  const params = new URLSearchParams(search);
  const tag = params.get('tag')?.trim();
  const q = params.get('q')?.trim();
  const page = pageNumberSchema.safeParse(params.get('page') ?? undefined);
  return {
    regionId: regionIdFrom(search),
    tag: tag && tag.length <= 20 ? tag : undefined,
    mine: params.get('liaison') === 'me',
    ...(q && q.length <= 100 ? { q } : {}),
    ...(page.success ? { page: page.data } : {}),
  };
}
