import type { Kysely } from 'kysely';
import type { FiguresQuery, FiguresReport } from '../../../shared/domain/figures.ts';
import {
  assessmentPeriodOfDay,
  previousAssessmentPeriod,
} from '../../../shared/figures/assessment-periods.ts';
import { caseFigures } from '../../../shared/figures/case-figures.ts';
import { visitFigures } from '../../../shared/figures/visit-figures.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import type { Period } from '../../../shared/visits/periods.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { caseCountersIn } from '../cases/case-figures.ts';
import { createCoverageRepository, type SubjectCounts } from '../coverage/coverage.repository.ts';
import { periodView } from '../coverage/period-query.ts';
import { visitCountersIn } from '../visits/visit-figures.ts';
import { figurePlace } from './figure-place.ts';

const total = (byUnit: Map<string, SubjectCounts>) =>
  [...byUnit.values()].reduce(
    (a, b) => ({ inScope: a.inScope + b.inScope, visited: a.visited + b.visited }),
    {
      inScope: 0,
      visited: 0,
    },
  );

/**
 * A place's figures for a period and the one before it (for "change against the previous
 * period"): the case figures of the cases created in it and the visit figures of the visits
 * started in it, from the figures kept beside the data, and coverage from the coverage query. The
 * caller must read both cases and visits there; elsewhere the place is NOT_FOUND.
 */
export async function readFigures(
  db: Kysely<DB>,
  principal: Principal,
  query: FiguresQuery,
  now: Date,
): Promise<FiguresReport> {
  const { region, district } = await figurePlace(db, principal, query.regionId);
  const coverage = createCoverageRepository(db);
  const figuresOf = async (period: Period) => {
    const to = addDays(period.to, 1);
    const [cases, visits, households, enterprises] = await Promise.all([
      caseCountersIn(db, district, [region.path], period.from, to),
      visitCountersIn(db, district, [region.path], period.from, to),
      coverage.subjectCoverageByUnit(district, region.path, 'household', period),
      coverage.subjectCoverageByUnit(district, region.path, 'enterprise', period),
    ]);
    const h = total(households);
    const e = total(enterprises);
    return {
      period: periodView(period),
      cases: caseFigures(cases),
      visits: visitFigures(visits, {
        households: h.inScope,
        householdsVisited: h.visited,
        enterprises: e.inScope,
        enterprisesVisited: e.visited,
      }),
    };
  };
  const current = assessmentPeriodOfDay(query.period, query.at ?? cstDay(now));
  return {
    region: { id: region.id, name: region.name, level: region.level },
    current: await figuresOf(current),
    previous: await figuresOf(previousAssessmentPeriod(current)),
  };
}
