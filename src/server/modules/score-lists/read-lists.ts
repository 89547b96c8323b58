import type { Kysely } from 'kysely';
import type { ScoreList, ScoreListSummary, ScoreListsQuery } from '../../../shared/domain/score-lists.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { readerScope } from '../league/published-leagues.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { listDetail, listSummary, visibleList, visibleLists } from './score-list-view.ts';

/**
 * GET /api/v1/score-lists: the history of lists the caller sees — published lists of places at,
 * above or below its own, drafts where it publishes figures — newest period first; with a region,
 * those of it and above it.
 */
export async function listScoreLists(
  db: Kysely<DB>,
  principal: Principal,
  query: ScoreListsQuery,
): Promise<ScoreListSummary[]> {
  const at = query.regionId
    ? (await regionInScope(createRegionRepository(db), readerScope(principal), query.regionId)).path
    : undefined;
  const rows = await visibleLists(db, principal, {
    ...(at !== undefined ? { at } : {}),
    ...(query.periodId ? { periodId: query.periodId } : {}),
  });
  return rows.map((l) => listSummary({ ...l, entries: Number(l.entries ?? 0) }));
}

/** GET /api/v1/score-lists/:id: one list with its entries (NOT_FOUND if the caller does not see it). */
export async function readScoreList(db: Kysely<DB>, principal: Principal, id: string): Promise<ScoreList> {
  return listDetail(db, principal, await visibleList(db, principal, id));
}
