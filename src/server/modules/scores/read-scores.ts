import type { Kysely } from 'kysely';
import type { ScoresQuery, ScoreTable } from '../../../shared/domain/scores.ts';
import { scoreTable } from '../../../shared/figures/scores.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { periodView } from '../coverage/period-query.ts';
import { leagueReadScope } from '../league/read-league.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { type BuiltScores, buildScores, tableOwnerPath } from './build-scores.ts';
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
  const asked = await regionInScope(createRegionRepository(db), leagueReadScope(principal), query.regionId);
  const ownerPath = tableOwnerPath(asked);
  const owner =
    ownerPath === asked.path
      ? asked
      : await createScoresRepository(db).placeAt(principal.districtCode, ownerPath);
  const built = await buildScores(db, principal.districtCode, owner, query.period, query.at ?? cstDay(now));
  return { asked, owner, built };
}

/** GET /api/v1/scores: the live table of one kind of subject, per peer group, best first. */
export async function readScores(
  db: Kysely<DB>,
  principal: Principal,
  query: ScoresQuery,
  now: Date,
): Promise<ScoreTable> {
  const { owner, built } = await liveScores(db, principal, query, now);
  const rows = scoreTable(
    built.subjects.filter((s) => s.kind === query.subjects),
    built.points,
    built.rules,
  );
  const groups: ScoreTable['groups'] = [];
  for (const r of rows) {
    const last = groups.at(-1);
    const row = {
      key: r.key,
      name: r.name,
      scoreCp: r.scoreCp,
      points: r.points,
      rank: r.rank,
      groupSize: r.groupSize,
      list: r.list,
    };
    if (last?.key === r.peerGroup) last.rows.push(row);
    else groups.push({ key: r.peerGroup, name: r.peerGroupName, rows: [row] });
  }
  return {
    region: { id: owner.id, name: owner.name, level: owner.level },
    subjects: query.subjects,
    period: periodView(built.period),
    ruleVersion: built.ruleVersion,
    rules: built.rules,
    closed: false,
    groups,
  };
}
