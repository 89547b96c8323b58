import { type Kysely, sql } from 'kysely';
import { TERMINAL_STATES } from '../../../shared/cases/workflow.ts';
import type { GridGeometry, Position } from '../../../shared/map/geojson.ts';
import type { DB } from '../../db/schema.ts';
import { inSubtree } from '../auth/scope.ts';

/** Every statement of the grid map: grid shapes, their writes, and open cases for hot spots. */
export interface BoundaryWrite {
  regionId: string;
  geometry: GridGeometry;
  center: Position;
}

export function createMapRepository(db: Kysely<DB>) {
  return {
    /** The grids at or below `path` with their boundary (if any) and community's name, in path order. */
    gridsWithBoundaries(districtCode: string, path: string) {
      return db
        .selectFrom('region as r')
        .leftJoin('region_boundary as b', (j) =>
          j.onRef('b.district_code', '=', 'r.district_code').onRef('b.region_id', '=', 'r.id'),
        )
        .leftJoin('region as p', (j) =>
          j
            .onRef('p.district_code', '=', 'r.district_code')
            .onRef('p.id', '=', 'r.parent_id')
            .on('p.level', '=', 'community'),
        )
        .select([
          'r.id',
          'r.code',
          'r.name',
          'r.path',
          'p.name as community_name',
          'b.geometry',
          'b.center_lng',
          'b.center_lat',
        ])
        .where('r.district_code', '=', districtCode)
        .where('r.level', '=', 'grid')
        .where((eb) => inSubtree(eb, 'r.path', path))
        .orderBy('r.path')
        .execute();
    },

    /** A region by its code (the CLI names regions by code). */
    regionByCode(districtCode: string, code: string) {
      return db
        .selectFrom('region')
        .select(['id', 'path', 'name'])
        .where('district_code', '=', districtCode)
        .where('code', '=', code)
        .executeTakeFirst();
    },

    /** The grids at or below `path`, as an import matches features to them. */
    gridsToMatch(districtCode: string, path: string) {
      return db
        .selectFrom('region as r')
        .leftJoin('region_boundary as b', (j) =>
          j.onRef('b.district_code', '=', 'r.district_code').onRef('b.region_id', '=', 'r.id'),
        )
        .select(['r.id', 'r.code', 'r.name', sql<boolean>`b.region_id is not null`.as('has_boundary')])
        .where('r.district_code', '=', districtCode)
        .where('r.level', '=', 'grid')
        .where((eb) => inSubtree(eb, 'r.path', path))
        .orderBy('r.path')
        .execute();
    },

    /** Writes (or replaces) grid boundaries. */
    async writeBoundaries(
      districtCode: string,
      rows: readonly BoundaryWrite[],
      source: 'seed' | 'import',
      now: Date,
    ): Promise<void> {
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto('region_boundary')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              district_code: districtCode,
              region_id: r.regionId,
              geometry: JSON.stringify(r.geometry),
              center_lng: r.center[0],
              center_lat: r.center[1],
              source,
              updated_at: now,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['district_code', 'region_id']).doUpdateSet((eb) => ({
              geometry: eb.ref('excluded.geometry'),
              center_lng: eb.ref('excluded.center_lng'),
              center_lat: eb.ref('excluded.center_lat'),
              source: eb.ref('excluded.source'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    },

    /**
     * Open cases at or below `path`, counted per place and per position rounded to three decimals
     * (about 100 m): the hot spots, without reading one row per case.
     */
    openCasesByPlace(districtCode: string, path: string) {
      const lat = sql<number | null>`round(cast(c.latitude as numeric), 3)`;
      const lng = sql<number | null>`round(cast(c.longitude as numeric), 3)`;
      return db
        .selectFrom('case_record as c')
        .select((eb) => ['c.region_path', lat.as('lat'), lng.as('lng'), eb.fn.countAll<number>().as('n')])
        .where('c.district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 'c.region_path', path))
        .where('c.state', 'not in', [...TERMINAL_STATES])
        .groupBy(['c.region_path', lat, lng])
        .execute();
    },
  };
}
