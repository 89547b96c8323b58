import type { Kysely } from 'kysely';
import {
  calendarOf,
  caseRulesOf,
  DEFAULT_ASSESSMENT_RULES,
} from '../../../shared/domain/assessment-rules.ts';
import { type FigurePeriodRequest, figurePeriods } from '../../../shared/domain/figure-periods.ts';
import type { ProvinceFiguresReport, ProvincePartFigures } from '../../../shared/domain/figures.ts';
import { CASE_COUNTER_KEYS, type CaseCounters, caseFigures } from '../../../shared/figures/case-figures.ts';
import { addCounters, emptyCounters } from '../../../shared/figures/counters.ts';
import {
  COVERAGE_COUNT_KEYS,
  type CoverageCounts,
  coveragePercents,
  NO_COVERAGE,
  VISIT_COUNTER_KEYS,
  type VisitCounters,
} from '../../../shared/figures/visit-figures.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import type { PeriodKind } from '../../../shared/visits/periods.ts';
import type { DB } from '../../db/schema.ts';
import { createAssessmentRepository } from '../assessment/assessment.repository.ts';
import { coverageByDistrict } from '../coverage/coverage-figures.ts';
import { storedCountersByDistrict } from '../figures/rollups.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';

/**
 * A province's headline figures for a period (issue 17 §3): each district's case figures and
 * visit counters, and the province's, from the kept totals at every district's root and the
 * unfolded deltas, one statement per kind across all districts (on Citus, every worker answers
 * for its districts). The province's rates are computed from its summed counters, not averaged
 * over districts, and so is its coverage (visited over targets, summed). Periods and rates follow
 * the default assessment rules: districts may count their own months differently, the province
 * counts one way (a district counting other months has its coverage counted from its diary).
 */
export async function readProvinceFigures(
  db: Kysely<DB>,
  request: FigurePeriodRequest,
  now: Date,
): Promise<ProvinceFiguresReport> {
  const calendar = calendarOf(DEFAULT_ASSESSMENT_RULES);
  const { current } = figurePeriods(request, cstDay(now), calendar);
  const to = addDays(current.to, 1);
  // Weeks are the same in every calendar: only months and what is made of them differ.
  const coverageOf = async (kind: PeriodKind) =>
    coverageByDistrict(
      db,
      { ...current, kind },
      kind === 'week'
        ? new Set<string>()
        : await createAssessmentRepository(db).monthStartsOtherThan(calendar.monthStartDay),
    );
  const [districts, cases, visits, coverage] = await Promise.all([
    createRegionRepository(db).namedDistricts(),
    storedCountersByDistrict(db, 'case', CASE_COUNTER_KEYS, current.from, to),
    storedCountersByDistrict(db, 'visit', VISIT_COUNTER_KEYS, current.from, to),
    current.kind === 'custom' ? undefined : coverageOf(current.kind),
  ]);
  const rules = caseRulesOf(DEFAULT_ASSESSMENT_RULES);
  const figuresOf = (
    caseCounters: CaseCounters,
    visitCounters: VisitCounters,
    covered: CoverageCounts | null,
  ): ProvincePartFigures => ({
    cases: caseFigures(caseCounters, rules),
    visits: visitCounters,
    coverage: covered && { ...covered, ...coveragePercents(covered) },
  });
  return {
    period: { kind: current.kind, from: current.from, to: current.to },
    districts: districts.map((d) => ({
      ...d,
      ...figuresOf(
        cases.get(d.code) ?? emptyCounters(CASE_COUNTER_KEYS),
        visits.get(d.code) ?? emptyCounters(VISIT_COUNTER_KEYS),
        coverage ? (coverage.get(d.code) ?? NO_COVERAGE) : null,
      ),
    })),
    province: figuresOf(
      addCounters(CASE_COUNTER_KEYS, ...cases.values()),
      addCounters(VISIT_COUNTER_KEYS, ...visits.values()),
      coverage ? addCounters(COVERAGE_COUNT_KEYS, ...coverage.values()) : null,
    ),
  };
}
