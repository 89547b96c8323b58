import type { Kysely } from 'kysely';
import type { LeagueQuery, LeagueTable } from '../../../shared/domain/league.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { type Scope, scopeForAll } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { buildLeagueTable } from './build-league.ts';

/** Who reads a live league table: like the figures API, those reading both cases and visits there. */
export function leagueReadScope(principal: Principal): Scope {
  return scopeForAll(principal, ['cases:read', 'visits:read']);
}

/** The live league table of a region in the caller's scope (NOT_FOUND elsewhere). */
export async function readLeague(
  db: Kysely<DB>,
  principal: Principal,
  query: LeagueQuery,
  now: Date,
): Promise<LeagueTable> {
  const scope = leagueReadScope(principal);
  const region = await regionInScope(createRegionRepository(db), scope, query.regionId);
  return buildLeagueTable(db, scope, region, {
    period: query.period,
    day: query.at ?? cstDay(now),
    subjects: query.subjects,
    order: query.order,
  });
}
