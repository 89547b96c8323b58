import { type Insertable, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB, LeagueTableTable } from '../../db/schema.ts';
import { atOrAbove, inSubtree, onSameDistrict } from '../auth/scope.ts';

/** A table to publish: its row, with the table itself as data (stored as JSON text). */
export type NewLeagueTable = Omit<Insertable<LeagueTableTable>, 'table_data'> & { table_data: unknown };

const SUMMARY = [
  'l.id',
  'l.region_id',
  'l.region_path',
  'l.region_name',
  'l.subjects',
  'l.period_kind',
  'l.period_from',
  'l.period_to',
  'l.published_by_name',
  'l.published_at',
] as const;

/** All SQL of league tables: the people ranked, and the tables published. */
export function createLeagueRepository(db: Kysely<DB>) {
  return {
    /** Of `userIds`, those holding one of `roles` anywhere in the district, with their names. */
    async usersWithRoles(districtCode: string, userIds: string[], roles: readonly string[]) {
      if (userIds.length === 0) return new Map<string, string>();
      const rows = await db
        .selectFrom('app_user as u')
        .innerJoin('role_grant as g', onSameDistrict('g.user_id', 'u.id'))
        .select(['u.id', 'u.display_name'])
        .distinct()
        .where('u.district_code', '=', districtCode)
        .where('u.id', 'in', userIds)
        .where('g.role', 'in', [...roles])
        .execute();
      return new Map(rows.map((r) => [r.id, r.display_name]));
    },

    /** Whether a table of this place, period and kind of subject was published. */
    async published(
      districtCode: string,
      regionId: string,
      periodKind: string,
      from: string,
      subjects: string,
    ) {
      const row = await db
        .selectFrom('league_table')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('region_id', '=', regionId)
        .where('period_kind', '=', periodKind)
        .where('period_from', '=', from)
        .where('subjects', '=', subjects)
        .executeTakeFirst();
      return row !== undefined;
    },

    insert(row: NewLeagueTable) {
      return db
        .insertInto('league_table')
        .values({ ...row, table_data: JSON.stringify(row.table_data) })
        .execute();
    },

    /**
     * Published tables the reader sees: those of a place at or above one of `paths` (a community
     * reads its street's table) or below one (a street reads its communities'); with `at`, only
     * those at or above that place. Newest first.
     */
    visible(districtCode: string, paths: readonly string[], at?: string) {
      return db
        .selectFrom('league_table as l')
        .select(SUMMARY)
        .where('l.district_code', '=', districtCode)
        .where((eb) =>
          paths.length === 0
            ? sql<SqlBool>`false`
            : eb.or(
                paths.flatMap((p) => [atOrAbove(eb, 'l.region_path', p), inSubtree(eb, 'l.region_path', p)]),
              ),
        )
        .$if(at !== undefined, (q) => q.where((eb) => atOrAbove(eb, 'l.region_path', at as string)))
        .orderBy('l.published_at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(200)
        .execute();
    },

    /** One published table the reader sees (as `visible`), with its rows. */
    findVisible(districtCode: string, paths: readonly string[], id: string) {
      return db
        .selectFrom('league_table as l')
        .select([...SUMMARY, 'l.table_data'])
        .where('l.district_code', '=', districtCode)
        .where('l.id', '=', id)
        .where((eb) =>
          paths.length === 0
            ? sql<SqlBool>`false`
            : eb.or(
                paths.flatMap((p) => [atOrAbove(eb, 'l.region_path', p), inSubtree(eb, 'l.region_path', p)]),
              ),
        )
        .executeTakeFirst();
    },
  };
}

export type LeagueRepository = ReturnType<typeof createLeagueRepository>;
