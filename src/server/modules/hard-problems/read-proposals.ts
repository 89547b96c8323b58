import type { Kysely } from 'kysely';
import type { Proposal } from '../../../shared/domain/hard-problem.ts';
import { detectRecurringProblems } from '../../../shared/figures/recurring-problems.ts';
import { addDays, cstDay, cstMidnight } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor, scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createHardProblemsRepository } from './hard-problems.repository.ts';
import { readRecurringCases } from './recurring-cases.ts';

/**
 * GET /api/v1/hard-problems/proposals: what the recurring-problem detector proposes for the list
 * below a place, from the cases of the last `days` days the caller reaches (a department: its
 * own), leaving out cases already on an item; ranked, each with its cases and why.
 */
export async function readProposals(
  db: Kysely<DB>,
  principal: Principal,
  query: { regionId: string; days: number },
  now: Date,
) {
  const scope = caseScopeFor(principal);
  // The place is named as a filter (a department names its node's geography); the cases read are
  // the caller's by case scope.
  const region = await regionInScope(
    createRegionRepository(db),
    scopeFor(principal, 'regions:read'),
    query.regionId,
  );
  const to = cstDay(now);
  const from = addDays(to, -query.days);
  const read = await readRecurringCases(db, scope, region.path, cstMidnight(from), now);
  const open = read.facts.filter((f) => !read.linked.has(f.id));
  const found = detectRecurringProblems(open);
  const repo = createHardProblemsRepository(db);
  const [categories, places] = await Promise.all([
    repo.categoryNames(principal.districtCode, [
      ...new Set(found.flatMap((p) => (p.categoryId ? [p.categoryId] : []))),
    ]),
    repo.placeNames(principal.districtCode, [...new Set(found.map((p) => p.placePath))]),
  ]);
  const proposals: Proposal[] = found.map((p) => ({
    key: p.key,
    kind: p.kind,
    categoryId: p.categoryId,
    categoryName: p.categoryId ? (categories.get(p.categoryId)?.name ?? null) : null,
    placePath: p.placePath,
    placeName: places.get(p.placePath) ?? null,
    estate: p.estate,
    title: p.title,
    score: p.score,
    firstDay: p.firstDay,
    lastDay: p.lastDay,
    why: p.why,
    cases: p.caseIds.map((id) => {
      const c = read.numbers.get(id);
      return {
        id,
        number: c?.number ?? '',
        title: c?.title ?? '',
        createdDay: c?.createdDay ?? '',
        state: c?.state ?? '',
      };
    }),
  }));
  return { regionId: region.id, from, to, casesRead: read.facts.length, proposals };
}
