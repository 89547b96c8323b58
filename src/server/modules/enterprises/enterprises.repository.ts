import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { afterKey, containsPattern, inScope, inSubtree, type Scope } from '../auth/scope.ts';

/** All SQL about enterprises, always within a data scope. */
export function createEnterpriseRepository(db: Kysely<DB>) {
  return {
    async list(
      scope: Scope,
      filter: { regionPath?: string; q?: string; after?: [string, string]; limit: number },
    ) {
      let base = db
        .selectFrom('enterprise as e')
        .where((eb) => inScope(eb, 'e.region_path', 'e.district_code', scope));
      if (filter.regionPath) {
        const path = filter.regionPath;
        base = base.where((eb) => inSubtree(eb, 'e.region_path', path));
      }
      if (filter.q) {
        const q = containsPattern(filter.q);
        base = base.where((eb) =>
          eb.or([eb('e.name', 'like', q), eb('e.credit_code', 'like', q), eb('e.address', 'like', q)]),
        );
      }
      const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      let page = base
        .innerJoin('region as g', (j) =>
          j.onRef('g.district_code', '=', 'e.district_code').onRef('g.id', '=', 'e.grid_id'),
        )
        .select([
          'e.id',
          'e.name',
          'e.credit_code',
          'e.address',
          'e.grid_id',
          'g.name as grid_name',
          'e.tags',
        ])
        .orderBy('e.credit_code')
        .orderBy('e.id')
        .limit(filter.limit + 1);
      if (filter.after) {
        const after = filter.after;
        page = page.where((eb) => afterKey(eb, 'e.credit_code', 'e.id', after));
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
        .selectFrom('enterprise as e')
        .innerJoin('region as g', (j) =>
          j.onRef('g.district_code', '=', 'e.district_code').onRef('g.id', '=', 'e.grid_id'),
        )
        .select([
          'e.id',
          'e.name',
          'e.credit_code',
          'e.address',
          'e.grid_id',
          'g.name as grid_name',
          'e.tags',
          'e.contact_name',
          'e.contact_phone_enc',
          'e.region_path',
          'e.district_code',
        ])
        .where('e.id', '=', id)
        .where((eb) => inScope(eb, 'e.region_path', 'e.district_code', scope))
        .executeTakeFirst();
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

export type EnterpriseRepository = ReturnType<typeof createEnterpriseRepository>;
