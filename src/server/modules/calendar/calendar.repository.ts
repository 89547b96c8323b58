import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** SQL the calendar import needs besides the year itself (case-rules.repository.ts holds that). */
export function createCalendarRepository(db: Kysely<DB>) {
  return {
    /** Every district of the deployment: each one's audit chain records a calendar change. */
    async districts(): Promise<string[]> {
      const rows = await db
        .selectFrom('region')
        .select('district_code')
        .where('level', '=', 'district')
        .orderBy('district_code')
        .execute();
      return rows.map((r) => r.district_code);
    },
  };
}
