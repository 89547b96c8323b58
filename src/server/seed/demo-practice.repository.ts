import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The seeder's reads for the demo's visit plans, pairs and spot check (demo-practice.ts). */
export function createDemoPracticeRepository(db: Kysely<DB>) {
  return {
    /** The grids below a region path, in path order. */
    gridsBelow(districtCode: string, path: string) {
      return db
        .selectFrom('region')
        .select(['id', 'name', 'path'])
        .where('district_code', '=', districtCode)
        .where('level', '=', 'grid')
        .where(sql<string>`substr(path, 1, ${path.length + 1})`, '=', `${path}.`)
        .orderBy('path')
        .execute();
    },

    /** The first enterprises (by credit code) a liaison accompanies. */
    enterprisesOfLiaison(districtCode: string, userId: string, limit: number) {
      return db
        .selectFrom('enterprise')
        .select(['id'])
        .where('district_code', '=', districtCode)
        .where('liaison_user_id', '=', userId)
        .where('removed_at', 'is', null)
        .orderBy('credit_code')
        .limit(limit)
        .execute();
    },

    /** A user's latest visits as their recorder, newest first. */
    latestVisitsBy(districtCode: string, userId: string, limit: number) {
      return db
        .selectFrom('visit')
        .select(['id'])
        .where('district_code', '=', districtCode)
        .where('recorded_by', '=', userId)
        .orderBy('started_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
    },
  };
}
