import type { Kysely } from 'kysely';
import { type AssessmentRules, calendarOf, caseRulesOf } from '../../../shared/domain/assessment-rules.ts';
import { figurePeriods } from '../../../shared/domain/figure-periods.ts';
import type {
  FigureBreakdown,
  FigureBreakdownQuery,
  FigureBreakdownRow,
} from '../../../shared/domain/figures.ts';
import { CASE_COUNTER_KEYS, type CaseCounters, caseFigures } from '../../../shared/figures/case-figures.ts';
import { emptyCounters } from '../../../shared/figures/counters.ts';
import {
  NO_COVERAGE,
  VISIT_COUNTER_KEYS,
  type VisitCounters,
  visitFigures,
} from '../../../shared/figures/visit-figures.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import type { Principal } from '../auth/principal.ts';
import { createCategoryRepository } from '../categories/categories.repository.ts';
import { createCoverageRepository } from '../coverage/coverage.repository.ts';
import { coverageByChild } from '../coverage/coverage-figures.ts';
import { periodView } from '../coverage/period-query.ts';
import { countersByChild, unitNames } from '../figures/figure-parts.ts';
import { storedCountersBy } from '../figures/rollups.ts';
import { figurePlace } from './figure-place.ts';

const rowMaker =
  (rules: AssessmentRules) =>
  (
    part: Pick<FigureBreakdownRow, 'key' | 'name'> & Partial<FigureBreakdownRow>,
    cases: CaseCounters | undefined,
  ): FigureBreakdownRow => ({
    regionId: null,
    categoryId: null,
    day: null,
    visits: null,
    ...part,
    cases: caseFigures(cases ?? emptyCounters(CASE_COUNTER_KEYS), caseRulesOf(rules)),
  });

/**
 * A place's figures for a period broken down (the dashboard's drill-down, trends and tables):
 * by its child places (cases, visits and coverage of each; every child listed, empty ones too),
 * by category, by handling unit, or by day. Each row carries what the case list filters by, so
 * the number links to the cases it counts. All from the kept rollups, grouped in one read each.
 */
export async function readFigureBreakdown(
  db: Kysely<DB>,
  principal: Principal,
  query: FigureBreakdownQuery,
  now: Date,
): Promise<FigureBreakdown> {
  const { scope, region, district } = await figurePlace(db, principal, query.regionId);
  const rules = await readAssessmentRules(db, district);
  const row = rowMaker(rules);
  const period = figurePeriods(query, cstDay(now), calendarOf(rules)).current;
  const to = addDays(period.to, 1);
  const by = query.by;
  const cases = await storedCountersBy(
    db,
    'case',
    CASE_COUNTER_KEYS,
    district,
    [region.path],
    period.from,
    to,
    by,
  );
  const visitsBy = (grouping: 'place' | 'day') =>
    storedCountersBy(db, 'visit', VISIT_COUNTER_KEYS, district, [region.path], period.from, to, grouping);
  const head = {
    region: { id: region.id, name: region.name, level: region.level },
    period: periodView(period),
    by,
  };

  if (by === 'place') {
    const coverage = createCoverageRepository(db);
    const [children, visits, coverageOf] = await Promise.all([
      coverage.childUnits(scope, region.id),
      visitsBy('place'),
      coverageByChild(db, district, region.path, period),
    ]);
    const caseByChild = countersByChild(CASE_COUNTER_KEYS, region.path, cases);
    const visitByChild = countersByChild(VISIT_COUNTER_KEYS, region.path, visits);
    return {
      ...head,
      rows: children.map((child) => {
        return row(
          {
            key: child.id,
            name: child.name,
            regionId: child.id,
            visits: visitFigures(
              visitByChild.get(child.path) ?? emptyCounters(VISIT_COUNTER_KEYS),
              coverageOf.get(child.path) ?? NO_COVERAGE,
            ),
          },
          caseByChild.get(child.path),
        );
      }),
    };
  }

  if (by === 'day') {
    const visits = await visitsBy('day');
    const rows: FigureBreakdownRow[] = [];
    // A period under way ends today: the days after it have nothing yet to draw.
    const today = cstDay(now);
    const last = today >= period.from && today < period.to ? today : period.to;
    for (let day = period.from; day <= last; day = addDays(day, 1)) {
      const v: VisitCounters = visits.get(day) ?? emptyCounters(VISIT_COUNTER_KEYS);
      rows.push(
        row(
          { key: day, name: day, day, regionId: region.id, visits: visitFigures(v, NO_COVERAGE) },
          cases.get(day),
        ),
      );
    }
    return { ...head, rows };
  }

  if (by === 'category') {
    const categories = new Map(
      (await createCategoryRepository(db).list(district)).map((c) => [c.id, c.name] as const),
    );
    const rows = [...cases].map(([id, counters]) =>
      row(
        {
          key: id,
          name: categories.get(id) ?? '',
          regionId: region.id,
          categoryId: id === '' ? null : id,
        },
        counters,
      ),
    );
    return { ...head, rows: byReceived(rows) };
  }

  // Units: a department ('d:<id>') or a place's office ('r:<id>'); '' is a case with no unit yet.
  const names = await unitNames(db, district, cases.keys());
  const rows = [...cases].map(([unit, counters]) =>
    row({ key: unit, name: names.get(unit) ?? '', regionId: region.id }, counters),
  );
  return { ...head, rows: byReceived(rows) };
}

/** Most cases first; then by name, so equal rows keep one order. */
const byReceived = (rows: FigureBreakdownRow[]) =>
  rows.sort((a, b) => b.cases.received - a.cases.received || a.name.localeCompare(b.name, 'zh-CN'));
