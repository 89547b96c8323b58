import type { z } from 'zod';
import { visitListQuerySchema } from '../../../shared/domain/visit.ts';
import { filterParams, filtersFromSearch } from '../../app/url-filters.ts';

/** The visits module's pages, by path. */
export const VISIT_SECTIONS = ['diary', 'opinions', 'coverage', 'plans', 'mentoring', 'spot-checks'] as const;
export type VisitSection = (typeof VISIT_SECTIONS)[number];

export type VisitsView =
  | { kind: 'section'; section: VisitSection }
  | { kind: 'visit'; id: string }
  | { kind: 'spot-check'; id: string }
  | { kind: 'unknown' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /visits (the diary), /visits/<id> (a visit), /visits/<section>, /visits/spot-checks/<id>. */
export function visitsView(pathname: string): VisitsView {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(2);
  const [first, second] = parts;
  if (parts.length === 0) return { kind: 'section', section: 'diary' };
  if (parts.length === 1 && first && UUID.test(first)) return { kind: 'visit', id: first.toLowerCase() };
  if (
    parts.length === 1 &&
    (VISIT_SECTIONS as readonly string[]).includes(first as string) &&
    first !== 'diary'
  ) {
    return { kind: 'section', section: first as VisitSection };
  }
  if (parts.length === 2 && first === 'spot-checks' && second && UUID.test(second)) {
    return { kind: 'spot-check', id: second.toLowerCase() };
  }
  return { kind: 'unknown' };
}

export const sectionPath = (section: VisitSection) =>
  section === 'diary' ? '/visits' : `/visits/${section}`;
export const visitPath = (id: string) => `/visits/${id}`;
export const spotCheckPath = (id: string) => `/visits/spot-checks/${id}`;

/**
 * The diary's filters and page as an address carries them (a figure links to the visits it
 * counts, a household's or enterprise's page to its visits).
 */
export const diaryFiltersSchema = visitListQuerySchema
  .pick({
    regionId: true,
    form: true,
    targetType: true,
    night: true,
    from: true,
    to: true,
    householdId: true,
    enterpriseId: true,
    page: true,
  })
  .partial();
export type DiaryFilters = z.infer<typeof diaryFiltersSchema>;

export const diaryFiltersFrom = (search: string): DiaryFilters =>
  filtersFromSearch(diaryFiltersSchema, search);

/** The diary's address with these filters (page 1 is left out). */
export function diaryPath(filters: DiaryFilters = {}): string {
  const params = filterParams({ ...filters, page: filters.page === 1 ? undefined : filters.page }).toString();
  return params ? `/visits?${params}` : '/visits';
}
