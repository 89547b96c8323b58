import { caseQueueQuerySchema } from '../../../shared/domain/case.ts';
import { pageNumberSchema } from '../../../shared/domain/paging.ts';
import { idFrom } from '../../app/record-path.ts';
import { cleanFilters, filterParams, filtersFromSearch } from '../../app/url-filters.ts';
import type { CaseFilters } from './cases-api.ts';

export const CASE_VIEWS = ['queue', 'inbox', 'mine', 'supervision'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];

/** What a /cases address asks for: a list view, the intake form, one case, or nothing that exists. */
export type CasesPage =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'detail'; id: string }
  | { kind: 'unknown' };

export function casesPage(pathname: string): CasesPage {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'cases') return { kind: 'unknown' };
  if (parts.length === 1) return { kind: 'list' };
  if (parts.length !== 2) return { kind: 'unknown' };
  if (parts[1] === 'new') return { kind: 'new' };
  const id = idFrom(parts[1]);
  return id ? { kind: 'detail', id } : { kind: 'unknown' };
}

export const casePath = (id: string) => `/cases/${id}`;
export const NEW_CASE_PATH = '/cases/new';

/** The list view an address names (`?view=inbox`), when it is one of the four. */
export function viewFrom(search: string): CaseView | undefined {
  const view = new URLSearchParams(search).get('view');
  return CASE_VIEWS.find((v) => v === view);
}

/** The queue's filters as a saved view or an address carries them: no paging, every field optional. */
export const caseFiltersSchema = caseQueueQuerySchema
  .omit({ after: true, limit: true, page: true })
  .partial();

/**
 * A list view's address with its filters and page (page 1 left out), so a filtered list (a list
 * type's own view, a figure's drill-down, a household's cases) can be linked to, bookmarked and
 * reached again with back and forward.
 */
export function caseListPath(view: CaseView, filters: CaseFilters = {}, page?: number): string {
  const { view: _view, ...rest } = filters;
  const params = filterParams(cleanFilters(rest), new URLSearchParams({ view }));
  if (page !== undefined && page > 1) params.set('page', String(page));
  return `/cases?${params}`;
}

/** The filters an address carries (the view and the page are the page's, not filters). */
export function filtersFrom(search: string): CaseFilters {
  return filtersFromSearch(caseFiltersSchema, search, {
    repeated: ['state'],
    ignore: ['view', 'page'],
  }) as CaseFilters;
}

/** The page number an address carries; 1 when it names none or one out of range. */
export function pageFrom(search: string): number {
  const parsed = pageNumberSchema.safeParse(new URLSearchParams(search).get('page') ?? undefined);
  return parsed.success ? parsed.data : 1;
}

/** The views a holder of these permissions is offered, the dispatcher's queue first. */
export function viewsFor(permissions: readonly string[]): CaseView[] {
  const views: CaseView[] = [];
  if (permissions.includes('cases:dispatch')) views.push('queue');
  if (permissions.includes('cases:handle')) views.push('inbox');
  if (permissions.includes('cases:create')) views.push('mine');
  if (permissions.includes('cases:supervise') || permissions.includes('cases:dispatch'))
    views.push('supervision');
  // Someone who only reads (a leader) sees the cases of their area.
  if (views.length === 0 && permissions.includes('cases:read')) views.push('queue');
  return views;
}
