import type { Kysely } from 'kysely';
import type { SpotCheckResult } from '../../../shared/domain/spot-check.ts';
import { cstDayAfter, cstMidnight } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import { inScope, inSubtree, onSameDistrict, type Scope } from '../auth/scope.ts';

export interface SpotCheckRow {
  district_code: string;
  id: string;
  region_id: string;
  region_path: string;
  period_from: string;
  period_to: string;
  percent: number;
  seed: number;
  created_by: string;
}

/** All SQL about spot checks (抽查) and their items, always within a data scope. */
export function createSpotCheckRepository(db: Kysely<DB>) {
  const summaries = () =>
    db
      .selectFrom('spot_check as s')
      .innerJoin('region as r', onSameDistrict('r.id', 's.region_id'))
      .innerJoin('app_user as u', onSameDistrict('u.id', 's.created_by'))
      .select((eb) => {
        const items = () =>
          eb
            .selectFrom('spot_check_item as i')
            .whereRef('i.district_code', '=', 's.district_code')
            .whereRef('i.spot_check_id', '=', 's.id');
        return [
          's.id',
          's.district_code',
          's.region_id',
          's.region_path',
          'r.name as region_name',
          's.period_from',
          's.period_to',
          's.percent',
          's.seed',
          's.created_at',
          'u.display_name as created_by_name',
          items()
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('sampled'),
          items()
            .where('i.result', 'is not', null)
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('verified'),
          items()
            .where('i.result', '=', 'confirmed')
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('confirmed'),
        ];
      });

  return {
    /** Ids of the visits in scope below `regionPath` that started within the period (CST days). */
    async visitIdsIn(scope: Scope, regionPath: string, from: string, to: string): Promise<string[]> {
      const rows = await db
        .selectFrom('visit as v')
        .select('v.id')
        .where((eb) => inScope(eb, 'v.region_path', 'v.district_code', scope))
        .where((eb) => inSubtree(eb, 'v.region_path', regionPath))
        .where('v.started_at', '>=', cstMidnight(from))
        .where('v.started_at', '<', cstDayAfter(to))
        .execute();
      return rows.map((r) => r.id);
    },

    async insert(row: SpotCheckRow, visitIds: readonly string[]) {
      await db.insertInto('spot_check').values(row).execute();
      for (let i = 0; i < visitIds.length; i += 500) {
        await db
          .insertInto('spot_check_item')
          .values(
            visitIds.slice(i, i + 500).map((visit_id) => ({
              district_code: row.district_code,
              spot_check_id: row.id,
              visit_id,
            })),
          )
          .execute();
      }
    },

    list(scope: Scope, regionPath: string | undefined) {
      let q = summaries().where((eb) => inScope(eb, 's.region_path', 's.district_code', scope));
      if (regionPath) q = q.where((eb) => inSubtree(eb, 's.region_path', regionPath));
      return q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(200).execute();
    },

    findInScope(scope: Scope, id: string) {
      return summaries()
        .where('s.id', '=', id)
        .where((eb) => inScope(eb, 's.region_path', 's.district_code', scope))
        .executeTakeFirst();
    },

    items(districtCode: string, spotCheckId: string, visitId?: string) {
      let q = db
        .selectFrom('spot_check_item as i')
        .leftJoin('app_user as u', onSameDistrict('u.id', 'i.verified_by'))
        .select(['i.visit_id', 'i.result', 'i.note', 'i.verified_at', 'u.display_name as verified_by_name'])
        .where('i.district_code', '=', districtCode)
        .where('i.spot_check_id', '=', spotCheckId);
      if (visitId) q = q.where('i.visit_id', '=', visitId);
      return q.orderBy('i.visit_id').execute();
    },

    /** Locks one item for its verification. */
    lockItem(districtCode: string, spotCheckId: string, visitId: string) {
      return db
        .selectFrom('spot_check_item')
        .select(['result', 'note'])
        .where('district_code', '=', districtCode)
        .where('spot_check_id', '=', spotCheckId)
        .where('visit_id', '=', visitId)
        .forUpdate()
        .executeTakeFirst();
    },

    verifyItem(
      districtCode: string,
      spotCheckId: string,
      visitId: string,
      change: { result: SpotCheckResult; note: string | null; verified_by: string },
    ) {
      return db
        .updateTable('spot_check_item')
        .set({ ...change, verified_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('spot_check_id', '=', spotCheckId)
        .where('visit_id', '=', visitId)
        .execute();
    },

    /**
     * Sampled items and their results, per visit region path, for the visits in scope below
     * `regionPath` that started in the period (whatever spot check sampled them).
     */
    resultsByPath(scope: Scope, regionPath: string, from: string, to: string) {
      return db
        .selectFrom('spot_check_item as i')
        .innerJoin('visit as v', onSameDistrict('v.id', 'i.visit_id'))
        .select(['v.region_path', 'i.result', (eb) => eb.fn.countAll<number>().as('n')])
        .where((eb) => inScope(eb, 'v.region_path', 'v.district_code', scope))
        .where((eb) => inSubtree(eb, 'v.region_path', regionPath))
        .where('v.started_at', '>=', cstMidnight(from))
        .where('v.started_at', '<', cstDayAfter(to))
        .groupBy(['v.region_path', 'i.result'])
        .execute();
    },

    /** The direct children of a node (the units its figures are broken down by). */
    children(districtCode: string, parentId: string) {
      return db
        .selectFrom('region')
        .select(['id', 'name', 'path'])
        .where('district_code', '=', districtCode)
        .where('parent_id', '=', parentId)
        .orderBy('sort_order')
        .orderBy('code')
        .execute();
    },
  };
}

export type SpotCheckRepository = ReturnType<typeof createSpotCheckRepository>;
