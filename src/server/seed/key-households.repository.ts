import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The seeder's SQL for key households: tag levels, and where the demo workers' key households are. */
export function createSeedKeyHouseholdRepository(db: Kysely<DB>) {
  return {
    /**
     * Gives every household tagged 残疾 a level, derived from the last character of its code so
     * the same seed always gives the same levels; the severe levels are the rarer ones. A searched
     * CASE: Citus deparses a simple `CASE x WHEN …` in an UPDATE for its shards as `x = (… = …)`.
     */
    async setDisabilityLevels(districtCode: string): Promise<void> {
      await sql`
        update household
        set tag_levels = jsonb_build_object('残疾', case
          when right(code, 1) = '0' then '1' when right(code, 1) in ('1', '2') then '2'
          when right(code, 1) in ('3', '4', '5') then '3' else '4' end)
        where district_code = ${districtCode} and '残疾' = any(tags)`.execute(db);
    },

    /** The demo grid workers with the region path of their community. */
    demoWorkers(districtCode: string, usernames: readonly string[]) {
      return db
        .selectFrom('app_user as u')
        .innerJoin('role_grant as g', (j) =>
          j.onRef('g.district_code', '=', 'u.district_code').onRef('g.user_id', '=', 'u.id'),
        )
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
        )
        .select(['u.id', 'u.username', 'r.path'])
        .where('u.district_code', '=', districtCode)
        .where('u.username', 'in', [...usernames])
        .orderBy('u.username')
        .execute();
    },

    /** The first key households (by code) below a region path. */
    keyHouseholdsBelow(districtCode: string, path: string, limit: number) {
      return db
        .selectFrom('household')
        .select(['id', 'tags'])
        .where('district_code', '=', districtCode)
        .where('is_key', '=', true)
        .where('removed_at', 'is', null)
        .where(sql<string>`substr(region_path, 1, ${path.length + 1})`, '=', `${path}.`)
        .orderBy('code')
        .limit(limit)
        .execute();
    },
  };
}
