import type { Kysely } from 'kysely';
import { childToward } from '../../../shared/auth/reach.ts';
import { calendarOf, caseRulesOf } from '../../../shared/domain/assessment-rules.ts';
import type { LeagueTable } from '../../../shared/domain/league.ts';
import {
  assessmentPeriodOfDay,
  previousAssessmentPeriod,
} from '../../../shared/figures/assessment-periods.ts';
import { CASE_COUNTER_KEYS, type CaseCounters } from '../../../shared/figures/case-figures.ts';
import { addCounters } from '../../../shared/figures/counters.ts';
import {
  type LeagueInput,
  type LeagueOrder,
  type LeagueSubjects,
  leagueFigures,
  rankLeague,
} from '../../../shared/figures/league.ts';
import {
  NO_COVERAGE,
  SENT_DOWN_ROLES,
  VISIT_COUNTER_KEYS,
  type VisitCounters,
} from '../../../shared/figures/visit-figures.ts';
import { addDays } from '../../../shared/time/china-time.ts';
import type { Period } from '../../../shared/visits/periods.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import type { Scope } from '../auth/scope.ts';
import { createCoverageRepository } from '../coverage/coverage.repository.ts';
import { coverageByChild } from '../coverage/coverage-figures.ts';
import { periodView } from '../coverage/period-query.ts';
import { countersByChild, unitNames } from '../figures/figure-parts.ts';
import { storedCountersBy } from '../figures/rollups.ts';
import { visitCountersOfSentDown } from '../visits/visit-figures.ts';
import { createLeagueRepository } from './league.repository.ts';

export interface LeagueRegion {
  id: string;
  name: string;
  level: string;
  path: string;
}

interface Subject {
  key: string;
  name: string;
  input: LeagueInput;
}

/** The child places of the region: cases, visits, household coverage and grid workers per place. */
async function placeSubjects(
  db: Kysely<DB>,
  scope: Scope,
  region: LeagueRegion,
  period: Period,
): Promise<Subject[]> {
  const district = scope.districtCode;
  const coverage = createCoverageRepository(db);
  const to = addDays(period.to, 1);
  const [children, caseGroups, visitGroups, households, workers] = await Promise.all([
    coverage.childUnits(scope, region.id),
    storedCountersBy(db, 'case', CASE_COUNTER_KEYS, district, [region.path], period.from, to, 'place'),
    storedCountersBy(db, 'visit', VISIT_COUNTER_KEYS, district, [region.path], period.from, to, 'place'),
    coverageByChild(db, district, region.path, period),
    coverage.workersBelow(district, region.path, ['grid_worker']),
  ]);
  const cases = countersByChild(CASE_COUNTER_KEYS, region.path, caseGroups);
  const visits = countersByChild(VISIT_COUNTER_KEYS, region.path, visitGroups);
  // A worker with posts in two grids of one place is one worker of it.
  const workersOf = new Map<string, Set<string>>();
  for (const w of workers) {
    const child = childToward(region.path, w.path);
    if (child === null) continue;
    workersOf.set(child, (workersOf.get(child) ?? new Set()).add(w.id));
  }
  return children.map((c) => {
    const h = households.get(c.path) ?? NO_COVERAGE;
    return {
      key: c.id,
      name: c.name,
      input: {
        cases: cases.get(c.path) ?? addCounters(CASE_COUNTER_KEYS),
        visits: visits.get(c.path) ?? addCounters(VISIT_COUNTER_KEYS),
        // The league ranks household coverage: enterprises are left out of it.
        coverage: {
          households: h.households,
          householdsVisited: h.householdsVisited,
          enterprises: 0,
          enterprisesVisited: 0,
        },
        workers: workersOf.get(c.path)?.size ?? 0,
      },
    };
  });
}

/** The units handling the region's cases (its cases' unit keys), with their case figures. */
async function unitSubjects(
  db: Kysely<DB>,
  district: string,
  region: LeagueRegion,
  period: Period,
): Promise<Subject[]> {
  const groups = await storedCountersBy(
    db,
    'case',
    CASE_COUNTER_KEYS,
    district,
    [region.path],
    period.from,
    addDays(period.to, 1),
    'unit',
  );
  const keys = [...groups.keys()].filter((k) => k !== '');
  const names = await unitNames(db, district, keys);
  return keys.map((key) => ({
    key,
    name: names.get(key) ?? key,
    input: { cases: groups.get(key) as CaseCounters, visits: null, coverage: null, workers: null },
  }));
}

/**
 * Leaders and cadres sent down who went on visits in the region (recording them or along), with
 * the visit figures of the visits they took part in.
 */
async function cadreSubjects(
  db: Kysely<DB>,
  district: string,
  region: LeagueRegion,
  period: Period,
): Promise<Subject[]> {
  const byUser = await visitCountersOfSentDown(db, district, region.path, period.from, addDays(period.to, 1));
  const names = await createLeagueRepository(db).usersWithRoles(
    district,
    [...byUser.keys()],
    SENT_DOWN_ROLES,
  );
  return [...names].map(([id, name]) => ({
    key: `u:${id}`,
    name,
    input: { cases: null, visits: byUser.get(id) as VisitCounters, coverage: null, workers: 1 },
  }));
}

async function subjectsOf(
  db: Kysely<DB>,
  scope: Scope,
  region: LeagueRegion,
  subjects: LeagueSubjects,
  period: Period,
): Promise<Subject[]> {
  if (subjects === 'places') return placeSubjects(db, scope, region, period);
  if (subjects === 'units') return unitSubjects(db, scope.districtCode, region, period);
  return cadreSubjects(db, scope.districtCode, region, period);
}

const byName = (a: { name: string; key: string }, b: { name: string; key: string }) =>
  a.name.localeCompare(b.name, 'zh-CN') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * A region's league table for the assessment period holding `day`, counted by the district's
 * assessment rules in force (kept in the table, so a published one says what it was counted by):
 * its subjects' figures from the kept figures (never a count of cases or visits), ranked by
 * `order`, with each subject's change in rank against the previous period's table in the same
 * order. The caller has checked the region against its scope.
 */
export async function buildLeagueTable(
  db: Kysely<DB>,
  scope: Scope,
  region: LeagueRegion,
  request: { period: 'month' | 'quarter'; day: string; subjects: LeagueSubjects; order: LeagueOrder },
): Promise<LeagueTable> {
  const rules = await readAssessmentRules(db, scope.districtCode);
  const current = assessmentPeriodOfDay(request.period, request.day, calendarOf(rules));
  const previous = previousAssessmentPeriod(current, calendarOf(rules));
  const rank = (subjects: Subject[], before?: Map<string, number>) =>
    rankLeague(
      subjects.map((s) => ({
        key: s.key,
        name: s.name,
        figures: leagueFigures(s.input, caseRulesOf(rules)),
      })),
      request.order,
      before,
      byName,
    );
  const [now, then] = await Promise.all([
    subjectsOf(db, scope, region, request.subjects, current),
    subjectsOf(db, scope, region, request.subjects, previous),
  ]);
  const previousRanks = new Map(rank(then).map((r) => [r.subject.key, r.rank]));
  return {
    region: { id: region.id, name: region.name, level: region.level },
    subjects: request.subjects,
    order: request.order,
    period: periodView(current),
    previousPeriod: periodView(previous),
    rules,
    rows: rank(now, previousRanks).map((r) => ({
      key: r.subject.key,
      name: r.subject.name,
      figures: r.subject.figures,
      score: r.score,
      rank: r.rank,
      previousRank: r.previousRank,
      rankChange: r.rankChange,
    })),
  };
}
