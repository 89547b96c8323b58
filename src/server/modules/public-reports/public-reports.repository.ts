import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The levels a QR code may stand for: a resident reports to a community or one of its grids. */
export const REPORTABLE_LEVELS = ['community', 'grid'] as const;

/** SQL for the public report form, which knows a region only by the id printed in its QR code. */
export function createPublicReportRepository(db: Kysely<DB>) {
  return {
    /**
     * A community or grid by id in whatever district holds it. Ids are UUIDv7, unique across
     * districts in practice; a second match would mean tampered data, and then nothing matches.
     */
    async reportableRegion(id: string) {
      const rows = await db
        .selectFrom('region')
        .select(['district_code', 'id', 'path', 'name', 'level'])
        .where('id', '=', id)
        .where('level', 'in', [...REPORTABLE_LEVELS])
        .limit(2)
        .execute();
      return rows.length === 1 ? rows[0] : undefined;
    },

    /** An estate's name, for the address of a report made with the estate's code. */
    async estateName(districtCode: string, id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('estate')
        .select('name')
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.name;
    },
  };
}
