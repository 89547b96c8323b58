import { type Kysely, sql } from 'kysely';
import type { CoveredTarget } from '../../../shared/figures/coverage-figures.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { inSubtree } from '../auth/scope.ts';
import { unitCode, unitPath } from './coverage.repository.ts';

const TARGET_COLUMN = { household: 'household_id', enterprise: 'enterprise_id' } as const;

/** A visit as the coverage counters see it (shared/figures/coverage-figures.ts `CoverageVisit`). */
export interface CoverageVisitRow {
  id: string;
  target_id: string;
  started_at: Date;
  region_id: string;
}

/** SQL for coverage kept as counters (coverage-figures.ts): the diary per target, and live counts. */
export function createCoverageFigureRepository(db: Kysely<DB>) {
  return {
    /**
     * Locks the visited household (enterprise) row for the rest of the transaction: two visits of
     * one target recorded at once then decide in turn which is the period's first.
     */
    async lockTarget(districtCode: string, target: CoveredTarget, id: string): Promise<void> {
      await db
        .selectFrom(target as 'household')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .forNoKeyUpdate()
        .execute();
    },

    /**
     * The target's visits in [start, end) other than `exceptId`, in time order (visit_household_idx):
     * one read covering every period kind holding a new visit.
     */
    visitsOfTarget(
      districtCode: string,
      target: CoveredTarget,
      targetId: string,
      exceptId: string,
      start: Date,
      end: Date,
    ): Promise<CoverageVisitRow[]> {
      const column = TARGET_COLUMN[target];
      return db
        .selectFrom('visit')
        .select(['id', sql<string>`${sql.ref(column)}`.as('target_id'), 'started_at', 'region_id'])
        .where('district_code', '=', districtCode)
        .where(column, '=', targetId)
        .where('id', '<>', exceptId)
        .where('started_at', '>=', start)
        .where('started_at', '<', end)
        .orderBy('started_at')
        .orderBy('id')
        .execute() as Promise<CoverageVisitRow[]>;
    },

    /** A page of a district's visits to targets of a kind, by target then time (a rebuild's pass). */
    visitsByTarget(
      districtCode: string,
      target: CoveredTarget,
      after: { targetId: string; startedAt: Date; id: string } | null,
      limit: number,
    ): Promise<CoverageVisitRow[]> {
      const column = TARGET_COLUMN[target];
      let q = db
        .selectFrom('visit')
        .select([sql<string>`${sql.ref(column)}`.as('target_id'), 'id', 'started_at', 'region_id'])
        .where('district_code', '=', districtCode)
        .where(column, 'is not', null);
      if (after)
        q = q.where(
          sql<boolean>`(${sql.ref(column)}, started_at, id) > (${after.targetId}, ${after.startedAt}, ${after.id})`,
        );
      return q.orderBy(column).orderBy('started_at').orderBy('id').limit(limit).execute() as Promise<
        CoverageVisitRow[]
      >;
    },

    /**
     * Households and enterprises not moved out at or below `path`: two index-only range counts
     * (the partial *_live_path_idx), in one statement. Without parallel workers: on the few cores
     * a district server has, starting them costs more than the count.
     */
    liveCounts(districtCode: string, path: string): Promise<{ households: number; enterprises: number }> {
      const count = (target: CoveredTarget) =>
        db
          .selectFrom(target as 'household')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('district_code', '=', districtCode)
          .where('removed_at', 'is', null)
          .where((eb) => inSubtree(eb, 'region_path', path));
      return runTransaction(db, async (trx) => {
        await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
        const row = await trx
          .selectNoFrom([count('household').as('households'), count('enterprise').as('enterprises')])
          .executeTakeFirstOrThrow();
        return { households: Number(row.households ?? 0), enterprises: Number(row.enterprises ?? 0) };
      });
    },

    /** As `liveCounts` of each district's root, one kind: every district's in one statement (a province). */
    async liveCountsByDistrict(target: CoveredTarget): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom(target as 'household')
        .select((eb) => ['district_code', eb.fn.countAll<string>().as('n')])
        .where('removed_at', 'is', null)
        .groupBy('district_code')
        .execute();
      return new Map(rows.map((r) => [r.district_code, Number(r.n)]));
    },

    /** As `liveCounts`, one kind, per place path (grids and the places above them that hold targets). */
    async liveCountsByPath(
      districtCode: string,
      target: CoveredTarget,
      path: string,
    ): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom(target as 'household')
        .select((eb) => ['region_path', eb.fn.countAll<string>().as('n')])
        .where('district_code', '=', districtCode)
        .where('removed_at', 'is', null)
        .where((eb) => inSubtree(eb, 'region_path', path))
        .groupBy('region_path')
        .execute();
      return new Map(rows.map((r) => [r.region_path, Number(r.n)]));
    },

    /**
     * Distinct households (enterprises) with a visit started in [start, end) at or below `path`,
     * from the diary (visit_path_idx): a custom range's coverage, counted as the counters count.
     */
    async visitedIn(
      districtCode: string,
      target: CoveredTarget,
      path: string,
      start: Date,
      end: Date,
    ): Promise<number> {
      const column = TARGET_COLUMN[target];
      const row = await db
        .selectFrom('visit')
        .select(sql<string>`count(distinct ${sql.ref(column)})`.as('n'))
        .where('district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 'region_path', path))
        .where('started_at', '>=', start)
        .where('started_at', '<', end)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** As `visitedIn`, per place right below `path` (keyed by its path; the place's own under its path). */
    async visitedByChild(
      districtCode: string,
      target: CoveredTarget,
      path: string,
      start: Date,
      end: Date,
    ): Promise<Map<string, number>> {
      const column = TARGET_COLUMN[target];
      const rows = await db
        .selectFrom('visit')
        .select([
          unitCode('region_path', path).as('unit'),
          sql<string>`count(distinct ${sql.ref(column)})`.as('n'),
        ])
        .where('district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 'region_path', path))
        .where('started_at', '>=', start)
        .where('started_at', '<', end)
        .groupBy(unitCode('region_path', path))
        .execute();
      return new Map(rows.map((r) => [unitPath(path, r.unit), Number(r.n)]));
    },
  };
}
