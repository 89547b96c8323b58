import { streetPathOf } from '../../../shared/auth/reach.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { effectiveRules, type VisitDaysParams } from '../../../shared/visits/rules.ts';
import { nextVisitDay } from '../../../shared/visits/visit-days.ts';
import type { Scope } from '../auth/scope.ts';
import type { PlanUser, VisitPlanRepository } from '../visit-plans/visit-plans.repository.ts';
import type { CoverageRepository } from './coverage.repository.ts';

/**
 * The worker's list for their next visit day: the day from the visit-day rules of their street (or
 * the district's), and the households and enterprises they answer for (包联) or whose grid's team
 * they are on, never visited first, then longest unvisited, key households first within ties.
 */
export async function nextVisitDayList(
  coverage: CoverageRepository,
  plans: VisitPlanRepository,
  input: {
    /** Where the caller may see households and enterprises listed (subject-scope.ts). */
    scopes: Record<'household' | 'enterprise', Scope>;
    user: PlanUser;
    from: string | undefined;
    now: Date;
    limit: number;
  },
) {
  const from = input.from ?? cstDay(input.now);
  const district = input.scopes.household.districtCode;
  const home = input.user.grants.map((g) => g.path).find((p) => p.includes('.'));
  const street = home ? streetPathOf(home) : null;
  const rules = effectiveRules(
    (await plans.activeRulesFor(district, street)).map((r) => ({ ...r, regionPath: r.region_path })),
    street,
  ).filter((r) => r.kind === 'visit_days');
  const days = rules
    .map((r) => nextVisitDay(r.params as VisitDaysParams, from))
    .filter((d): d is string => d !== null)
    .sort();
  const [households, enterprises] = await Promise.all([
    coverage.visitList(input.scopes.household, input.user.id, 'household', input.limit),
    coverage.visitList(input.scopes.enterprise, input.user.id, 'enterprise', input.limit),
  ]);
  const at = (d: Date | null) => (d ? new Date(d).getTime() : Number.NEGATIVE_INFINITY);
  const items = [
    ...households.map((r) => ({ ...r, type: 'household' as const })),
    ...enterprises.map((r) => ({ ...r, type: 'enterprise' as const })),
  ]
    .sort(
      (a, b) =>
        at(a.last_visit_at) - at(b.last_visit_at) ||
        Number(b.is_key) - Number(a.is_key) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, input.limit);
  return {
    userId: input.user.id,
    day: days[0] ?? from,
    items: items.map((r) => ({
      id: r.id,
      type: r.type,
      name: r.name,
      gridName: r.grid_name,
      isKey: Boolean(r.is_key),
      lastVisitAt: r.last_visit_at ? new Date(r.last_visit_at).toISOString() : null,
      source: r.assigned ? ('assigned' as const) : ('team' as const),
    })),
  };
}
