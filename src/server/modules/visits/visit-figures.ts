import type { Kysely } from 'kysely';
import type { VisitForm } from '../../../shared/domain/visit.ts';
import { addCounters, countersOf } from '../../../shared/figures/counters.ts';
import {
  VISIT_COUNTER_KEYS,
  type VisitCounters,
  type VisitFigureFacts,
  type VisitTargetType,
  visitCounters,
} from '../../../shared/figures/visit-figures.ts';
import { cstDay, cstMidnight } from '../../../shared/time/china-time.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import { figureMaintenanceOn } from '../figures/maintenance.ts';
import { createRollupRepository, type FigureRow } from '../figures/rollup.repository.ts';
import { addByKey, sparse, storedCounters, writeRebuilt } from '../figures/rollups.ts';
import { createVisitFigureRepository } from './visit-figures.repository.ts';

/**
 * The visit figures kept beside the visits (docs/ARCHITECTURE.md "Figures"): recording a visit
 * appends what it adds to the counters of its Beijing start day (shared/figures/visit-figures.ts),
 * at its place, under the recording worker, in the visit's own transaction. Visits do not change
 * once recorded; `rebuildVisitFigures` recomputes all of it from the visits (the one difference
 * it may show: "by leaders and cadres" reads the visitors' roles now, not when they went).
 */

/** Where a visit's counters are kept and what they are. */
export function visitFigureRow(
  visit: { startedAt: Date; regionId: string; recordedBy: string },
  facts: VisitFigureFacts,
): FigureRow {
  return {
    day: cstDay(visit.startedAt),
    region_id: visit.regionId,
    category_key: '',
    unit_key: `u:${visit.recordedBy}`,
    counters: sparse(visitCounters(facts)),
  };
}

/** Appends a newly recorded visit's counters (the visit path calls this in its transaction). */
export async function recordVisitFigures(
  trx: Kysely<DB>,
  districtCode: string,
  visit: { startedAt: Date; regionId: string; recordedBy: string },
  facts: VisitFigureFacts,
  batch?: WriteBatch,
): Promise<void> {
  if (!figureMaintenanceOn()) return;
  await createRollupRepository(trx, 'visit').appendDeltas(
    districtCode,
    [visitFigureRow(visit, facts)],
    batch,
  );
}

/** A visit row with what its figures count (visit-figures.repository.ts `facts`) as their facts. */
function factsOf(v: {
  target_type: string;
  form: string;
  is_night: boolean;
  attendance: number | null;
  by_leader_or_cadre: boolean;
  problems: number;
  solved_on_spot: number;
  opinions: number;
  aid_yuan: string;
}): VisitFigureFacts {
  return {
    targetType: v.target_type as VisitTargetType,
    form: v.form as VisitForm,
    isNight: v.is_night,
    byLeaderOrCadre: v.by_leader_or_cadre,
    problems: v.problems,
    solvedOnSpot: v.solved_on_spot,
    opinions: v.opinions,
    attendance: v.attendance ?? 0,
    aidYuan: Number(v.aid_yuan),
  };
}

/** Recomputes a district's visit figures from its visits (`minqing figures rebuild`, the seed). */
export async function rebuildVisitFigures(db: Kysely<DB>, districtCode: string): Promise<{ visits: number }> {
  return runTransaction(db, async (trx) => {
    const rollup = createRollupRepository(trx, 'visit');
    const repo = createVisitFigureRepository(trx);
    await rollup.clear(districtCode);
    const totals = new Map<string, FigureRow>();
    let after: string | null = null;
    let visits = 0;
    for (;;) {
      const page = await repo.visitsAfter(districtCode, after, 2_000);
      if (page.length === 0) break;
      addByKey(
        page.map((v) =>
          visitFigureRow(
            { startedAt: new Date(v.started_at), regionId: v.region_id, recordedBy: v.recorded_by },
            factsOf(v),
          ),
        ),
        totals,
      );
      visits += page.length;
      after = page.at(-1)?.id ?? null;
    }
    await writeRebuilt(trx, 'visit', districtCode, totals);
    return { visits };
  });
}

/** The summed visit counters of visits started on days [from, to) in the subtrees of `paths`. */
export async function visitCountersIn(
  db: Kysely<DB>,
  districtCode: string,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<VisitCounters> {
  const stored = await storedCounters(db, 'visit', districtCode, paths, from, to);
  return countersOf(VISIT_COUNTER_KEYS, stored);
}

/**
 * The visit counters of each leader and cadre sent down, over the visits started on days
 * [from, to) at or below `path` that they took part in, recording or along (the league's
 * sent-down cadres: the kept figures hold each visit under its recorder only). From the diary.
 */
export async function visitCountersOfSentDown(
  db: Kysely<DB>,
  districtCode: string,
  path: string,
  from: string,
  to: string,
): Promise<Map<string, VisitCounters>> {
  const rows = await createVisitFigureRepository(db).visitsOfSentDown(
    districtCode,
    path,
    cstMidnight(from),
    cstMidnight(to),
  );
  const out = new Map<string, VisitCounters>();
  for (const r of rows) {
    const counters = visitCounters(factsOf(r));
    const before = out.get(r.user_id);
    out.set(r.user_id, before ? addCounters(VISIT_COUNTER_KEYS, before, counters) : counters);
  }
  return out;
}
