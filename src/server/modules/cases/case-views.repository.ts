import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** SQL for a user's saved queue views. */
export function createCaseViewRepository(db: Kysely<DB>) {
  return {
    list(districtCode: string, userId: string) {
      return db
        .selectFrom('case_view')
        .select(['id', 'name', 'filters'])
        .where('district_code', '=', districtCode)
        .where('user_id', '=', userId)
        .orderBy('name')
        .execute();
    },
    async insert(row: {
      district_code: string;
      id: string;
      user_id: string;
      name: string;
      filters: unknown;
    }) {
      await db
        .insertInto('case_view')
        .values({ ...row, filters: JSON.stringify(row.filters) })
        .execute();
    },
    async remove(districtCode: string, userId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('case_view')
        .where('district_code', '=', districtCode)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
