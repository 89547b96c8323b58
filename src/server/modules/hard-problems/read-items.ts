import type { Kysely } from 'kysely';
import type { HardProblem, HardProblemSummary } from '../../../shared/domain/hard-problem.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createHardProblemsRepository } from './hard-problems.repository.ts';
import { itemView, readableItem, readerReach, summaryOf } from './item-access.ts';

/**
 * GET /api/v1/hard-problems: the items the caller reads (item-access.ts), newest first — within a
 * place when one is named (its own list, those below it and those above it).
 */
export async function listHardProblems(
  db: Kysely<DB>,
  principal: Principal,
  query: { regionId?: string | undefined; state?: string | undefined; kind?: string | undefined },
  now: Date,
): Promise<HardProblemSummary[]> {
  const repo = createHardProblemsRepository(db);
  const region = query.regionId
    ? await regionInScope(createRegionRepository(db), scopeFor(principal, 'regions:read'), query.regionId)
    : null;
  const items = await repo.list(principal.districtCode, readerReach(principal), {
    ...(region ? { path: region.path } : {}),
    ...(query.state ? { state: query.state } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  });
  const ids = items.map((i) => i.id);
  const [counts, milestones] = await Promise.all([
    repo.caseCounts(principal.districtCode, ids),
    repo.milestones(principal.districtCode, ids),
  ]);
  const caseCount = new Map(counts.map((c) => [c.item_id, Number(c.n)]));
  return items.map((item) =>
    summaryOf(
      item,
      caseCount.get(item.id) ?? 0,
      milestones.filter((m) => m.item_id === item.id),
      now,
    ),
  );
}

/** GET /api/v1/hard-problems/:id: the item with its milestones, cases and progress notes. */
export async function readHardProblem(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  now: Date,
): Promise<HardProblem> {
  return itemView(db, principal, await readableItem(db, principal, id), now);
}
