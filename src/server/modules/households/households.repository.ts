import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { afterKey, containsPattern, inScope, inSubtree, type Scope } from '../auth/scope.ts';

/** All SQL about households and their members, always within a data scope. */
export function createHouseholdRepository(db: Kysely<DB>) {
  return {
    async list(
      scope: Scope,
      filter: { regionPath?: string; q?: string; after?: [string, string]; limit: number },
    ) {
      let base = db
        .selectFrom('household as h')
        .where((eb) => inScope(eb, 'h.region_path', 'h.district_code', scope));
      if (filter.regionPath) {
        const path = filter.regionPath;
        base = base.where((eb) => inSubtree(eb, 'h.region_path', path));
      }
      if (filter.q) {
        const q = containsPattern(filter.q);
        base = base.where((eb) => eb.or([eb('h.address', 'like', q), eb('h.code', 'like', q)]));
      }
      const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      let page = base
        .innerJoin('region as g', (j) =>
          j.onRef('g.district_code', '=', 'h.district_code').onRef('g.id', '=', 'h.grid_id'),
        )
        .select([
          'h.id',
          'h.code',
          'h.address',
          'h.grid_id',
          'g.name as grid_name',
          'h.tags',
          (eb) =>
            eb
              .selectFrom('person as p')
              .whereRef('p.district_code', '=', 'h.district_code')
              .whereRef('p.household_id', '=', 'h.id')
              .select((e) => e.fn.countAll<number>().as('n'))
              .as('member_count'),
        ])
        .orderBy('h.code')
        .orderBy('h.id')
        .limit(filter.limit + 1);
      if (filter.after) {
        const after = filter.after;
        page = page.where((eb) => afterKey(eb, 'h.code', 'h.id', after));
      }
      const rows = await page.execute();
      return {
        rows: rows.slice(0, filter.limit),
        hasMore: rows.length > filter.limit,
        total: Number(totalRow?.n ?? 0),
      };
    },

    findInScope(scope: Scope, id: string) {
      return db
        .selectFrom('household as h')
        .innerJoin('region as g', (j) =>
          j.onRef('g.district_code', '=', 'h.district_code').onRef('g.id', '=', 'h.grid_id'),
        )
        .select([
          'h.id',
          'h.code',
          'h.address',
          'h.grid_id',
          'g.name as grid_name',
          'h.tags',
          'h.region_path',
          'h.district_code',
        ])
        .where('h.id', '=', id)
        .where((eb) => inScope(eb, 'h.region_path', 'h.district_code', scope))
        .executeTakeFirst();
    },

    members(districtCode: string, householdId: string) {
      return db
        .selectFrom('person')
        .select(['id', 'name', 'gender', 'birth_date', 'relationship', 'id_number_enc', 'phone_enc'])
        .where('district_code', '=', districtCode)
        .where('household_id', '=', householdId)
        .orderBy('birth_date')
        .execute();
    },

    regionsOnPath(districtCode: string, codes: string[]) {
      return db
        .selectFrom('region')
        .select(['id', 'name', 'level', 'path'])
        .where('district_code', '=', districtCode)
        .where('code', 'in', codes)
        .orderBy('path')
        .execute();
    },
  };
}

export type HouseholdRepository = ReturnType<typeof createHouseholdRepository>;
