import { type Kysely, sql } from 'kysely';
import type { RegionNode } from '../../../shared/domain/region.ts';
import type { DB } from '../../db/schema.ts';
import { inScope, type Scope } from '../auth/scope.ts';

/** All SQL about the hierarchy. Region paths make "everything below a node" one prefix match. */
export function createRegionRepository(db: Kysely<DB>) {
  return {
    /** Children of a parent, or, without one, the roots of the scope (the scope paths' own nodes). */
    async listChildren(parentId: string | null, scope: Scope): Promise<RegionNode[]> {
      const rows = await db
        .selectFrom('region as r')
        .select([
          'r.id',
          'r.parent_id',
          'r.level',
          'r.code',
          'r.name',
          'r.kind',
          'r.path',
          (eb) =>
            eb
              .selectFrom('region as c')
              .whereRef('c.district_code', '=', 'r.district_code')
              .whereRef('c.parent_id', '=', 'r.id')
              .select((e) => e.fn.countAll<number>().as('n'))
              .as('child_count'),
          (eb) =>
            eb
              .selectFrom('household as h')
              .whereRef('h.district_code', '=', 'r.district_code')
              .where('h.region_path', 'like', sql<string>`r.path || '%'`)
              .select((e) => e.fn.countAll<number>().as('n'))
              .as('household_count'),
          (eb) =>
            eb
              .selectFrom('enterprise as e')
              .whereRef('e.district_code', '=', 'r.district_code')
              .where('e.region_path', 'like', sql<string>`r.path || '%'`)
              .select((e) => e.fn.countAll<number>().as('n'))
              .as('enterprise_count'),
        ])
        .$if(parentId === null, (q) =>
          q
            .where('r.district_code', '=', scope.districtCode)
            .where('r.path', 'in', scope.paths.length ? scope.paths : ['']),
        )
        .$if(parentId !== null, (q) =>
          q
            .where('r.parent_id', '=', parentId as string)
            .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope)),
        )
        .orderBy('r.sort_order')
        .orderBy('r.code')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        parentId: r.parent_id,
        level: r.level,
        code: r.code,
        name: r.name,
        kind: r.kind,
        path: r.path,
        childCount: Number(r.child_count ?? 0),
        householdCount: Number(r.household_count ?? 0),
        enterpriseCount: Number(r.enterprise_count ?? 0),
      }));
    },

    findInScope(scope: Scope, id: string) {
      return db
        .selectFrom('region as r')
        .select(['r.id', 'r.path', 'r.name', 'r.level'])
        .where('r.id', '=', id)
        .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope))
        .executeTakeFirst();
    },

    async firstDistrict(): Promise<{ code: string; name: string } | null> {
      const row = await db
        .selectFrom('region')
        .select(['code', 'name'])
        .where('level', '=', 'district')
        .orderBy('code')
        .executeTakeFirst();
      return row ?? null;
    },
  };
}

export type RegionRepository = ReturnType<typeof createRegionRepository>;
