import type { Kysely } from 'kysely';
import { calendarOf } from '../../../shared/domain/assessment-rules.ts';
import type { ScoresQuery, ScoreTable } from '../../../shared/domain/scores.ts';
import { assessmentPeriodOfDay } from '../../../shared/figures/assessment-periods.ts';
import { scoreTable } from '../../../shared/figures/scores.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import type { Principal } from '../auth/principal.ts';
import { periodView } from '../coverage/period-query.ts';
import { leagueReadScope } from '../league/read-league.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { type BuiltScores, buildScores, tableOwnerPath } from './build-scores.ts';
import { closedTableOf, mayClose, mayReopen, tableGroups } from './closed-periods.ts';
import type { ScoresPlace } from './score-facts.ts';
import { createScoresRepository } from './scores.repository.ts';

/**
 * The live scores a reader asks for: the place must be in the caller's figures scope (cases and
 * visits read there, as for the league table); the table is that of the place when it is a
 * district or street, else of its street — a community is scored and ranked among its street's
 * communities, as the street's published league tables are read below it.
 */
export async function liveScores(
  db: Kysely<DB>,
  principal: Principal,
  query: { regionId: string; period: ScoresQuery['period']; at?: string | undefined },
  now: Date,
): Promise<{ asked: ScoresPlace; owner: ScoresPlace; built: BuiltScores }> {
  const { asked, owner } = await tableOwner(db, principal, query.regionId);
  const built = await buildScores(db, principal.districtCode, owner, query.period, query.at ?? cstDay(now));
  return { asked, owner, built };
}

export async function tableOwner(
  db: Kysely<DB>,
  principal: Principal,
  regionId: string,
): Promise<{ asked: ScoresPlace; owner: ScoresPlace }> {
  const asked = await regionInScope(createRegionRepository(db), leagueReadScope(principal), regionId);
  const ownerPath = tableOwnerPath(asked);
  const owner =
    ownerPath === asked.path
      ? asked
      : await createScoresRepository(db).placeAt(principal.districtCode, ownerPath);
  return { asked, owner };
}

/** The assessment period of `kind` holding `day`, by the district's calendar. */
export async function periodOf(
  db: Kysely<DB>,
  districtCode: string,
  kind: ScoresQuery['period'],
  day: string,
) {
  return assessmentPeriodOfDay(kind, day, calendarOf(await readAssessmentRules(db, districtCode)));
}

/** GET /api/v1/scores: the live table of one kind of subject, per peer group, best first. */
export async function readScores(
  db: Kysely<DB>,
  principal: Principal,
  query: ScoresQuery,
  now: Date,
): Promise<ScoreTable> {
  const { owner } = await tableOwner(db, principal, query.regionId);
  const day = query.at ?? cstDay(now);
  // A closed period answers its stored rows, never a recount: later events change nothing published.
  const closed = await closedTableOf(
    db,
    principal.districtCode,
    owner.id,
    { kind: query.period, day },
    query.subjects,
  );
  if (closed) return { ...closed, actions: mayReopen(principal) ? ['reopen'] : [] };
  const built = await buildScores(db, principal.districtCode, owner, query.period, day);
  const ended = built.period.to < cstDay(now);
  const rows = scoreTable(
    built.subjects.filter((s) => s.kind === query.subjects),
    built.points,
    built.rules,
  );
  const groups = tableGroups(rows);
  return {
    region: { id: owner.id, name: owner.name, level: owner.level },
    subjects: query.subjects,
    period: periodView(built.period),
    ruleVersion: built.ruleVersion,
    rules: built.rules,
    closed: false,
    periodId: null,
    groups,
    actions: ended && mayClose(principal, owner) ? ['close'] : [],
  };
}
