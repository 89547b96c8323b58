import type { Kysely } from 'kysely';
import type { TopicRanking } from '../../../shared/domain/hard-problem.ts';
import { recurringCategoryRanking } from '../../../shared/figures/recurring-problems.ts';
import { addDays, cstDay, cstMidnight, firstDayOf } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor, scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createHardProblemsRepository } from './hard-problems.repository.ts';
import { readRecurringCases } from './recurring-cases.ts';

/**
 * GET /api/v1/hard-problems/topics/ranking: the 每月一题 ranking — the categories that recurred
 * most across the place in the previous `months` whole calendar months (the detector's clusters
 * counted per category), for a leader to pick the month's topic from.
 */
export async function readTopicRanking(
  db: Kysely<DB>,
  principal: Principal,
  query: { regionId: string; months: number },
  now: Date,
): Promise<TopicRanking> {
  const scope = caseScopeFor(principal);
  // The place is named as a filter (a department names its node's geography); the cases read are
  // the caller's by case scope.
  const region = await regionInScope(
    createRegionRepository(db),
    scopeFor(principal, 'regions:read'),
    query.regionId,
  );
  const thisMonth = firstDayOf('month', cstDay(now));
  let from = thisMonth;
  for (let i = 0; i < query.months; i++) from = firstDayOf('month', addDays(from, -1));
  const read = await readRecurringCases(db, scope, region.path, cstMidnight(from), now);
  const inMonths = read.facts.filter((f) => f.createdDay < thisMonth);
  const ranking = recurringCategoryRanking(inMonths);
  const names = await createHardProblemsRepository(db).categoryNames(
    principal.districtCode,
    ranking.map((r) => r.categoryId),
  );
  return {
    regionId: region.id,
    from,
    to: addDays(thisMonth, -1),
    ranking: ranking.map((r) => ({ ...r, categoryName: names.get(r.categoryId)?.name ?? r.categoryId })),
  };
}
