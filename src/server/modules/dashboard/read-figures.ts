import type { Kysely } from 'kysely';
import { calendarOf, caseRulesOf } from '../../../shared/domain/assessment-rules.ts';
import { type FigurePeriod, figurePeriods } from '../../../shared/domain/figure-periods.ts';
import type { FiguresQuery, FiguresReport } from '../../../shared/domain/figures.ts';
import { caseFigures } from '../../../shared/figures/case-figures.ts';
import { visitFigures } from '../../../shared/figures/visit-figures.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import type { Principal } from '../auth/principal.ts';
import { caseCountersIn } from '../cases/case-figures.ts';
import { coverageIn, targetsInScope } from '../coverage/coverage-figures.ts';
import { periodView } from '../coverage/period-query.ts';
import { visitCountersIn } from '../visits/visit-figures.ts';
import { figurePlace } from './figure-place.ts';

/**
 * A place's figures for a period and the one before it (for "change against the previous
 * period"), counted by the district's assessment rules (its month, what a rating is worth): the
 * case figures of the cases created in it, the visit figures of the visits started in it and
 * coverage, from the figures kept beside the data (coverage-figures.ts). The caller must read both
 * cases and visits there; elsewhere the place is NOT_FOUND.
 */
export async function readFigures(
  db: Kysely<DB>,
  principal: Principal,
  query: FiguresQuery,
  now: Date,
): Promise<FiguresReport> {
  const { region, district } = await figurePlace(db, principal, query.regionId);
  const rules = await readAssessmentRules(db, district);
  // What coverage is a share of is today's, for both periods: counted once.
  const inScope = targetsInScope(db, district, region.path);
  const figuresOf = async (period: FigurePeriod) => {
    const to = addDays(period.to, 1);
    const [cases, visits, coverage] = await Promise.all([
      caseCountersIn(db, district, [region.path], period.from, to),
      visitCountersIn(db, district, [region.path], period.from, to),
      coverageIn(db, district, region.path, period, inScope),
    ]);
    return {
      period: periodView(period),
      cases: caseFigures(cases, caseRulesOf(rules)),
      visits: visitFigures(visits, coverage),
    };
  };
  const { current, previous } = figurePeriods(query, cstDay(now), calendarOf(rules));
  const [now_, before] = await Promise.all([figuresOf(current), figuresOf(previous)]);
  return {
    region: { id: region.id, name: region.name, level: region.level },
    current: now_,
    previous: before,
  };
}
