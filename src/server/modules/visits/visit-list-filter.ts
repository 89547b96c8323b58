import type { VisitListQuery } from '../../../shared/domain/visit.ts';
import { cstDayAfter, cstMidnight } from '../../../shared/time/china-time.ts';
import type { Scope } from '../auth/scope.ts';
import { regionPathFilter } from '../regions/region-filter.ts';
import type { RegionRepository } from '../regions/regions.repository.ts';
import type { VisitListFilter } from './visits.repository.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A CST day's first instant, or the instant itself. */
const startOf = (value: string) => (DAY.test(value) ? cstMidnight(value) : new Date(value));
/** The instant after a CST day (inclusive `to`), or the instant itself (exclusive). */
const endOf = (value: string) => (DAY.test(value) ? cstDayAfter(value) : new Date(value));

/** The diary's filters as the repository takes them: one reading for the list and its export. */
export async function visitListFilter(
  regions: RegionRepository,
  scope: Scope,
  q: Omit<VisitListQuery, 'after' | 'limit' | 'page'>,
): Promise<Omit<VisitListFilter, 'after' | 'limit'>> {
  return {
    ...(await regionPathFilter(regions, scope, q.regionId)),
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.form ? { form: q.form } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.night ? { night: q.night === 'true' } : {}),
    ...(q.from ? { from: startOf(q.from) } : {}),
    ...(q.to ? { to: endOf(q.to) } : {}),
    ...(q.householdId ? { householdId: q.householdId } : {}),
    ...(q.enterpriseId ? { enterpriseId: q.enterpriseId } : {}),
  };
}
