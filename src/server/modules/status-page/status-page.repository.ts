import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The reads of a resident's status page: their case and its timeline, in one district. */
export function createStatusPageRepository(db: Kysely<DB>) {
  return {
    /** The case with its handling unit's name (a department, or a community or grid). */
    caseOf(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_record as c')
        .leftJoin('department as d', (j) =>
          j.onRef('d.district_code', '=', 'c.district_code').onRef('d.id', '=', 'c.unit_department_id'),
        )
        .leftJoin('region as ur', (j) =>
          j.onRef('ur.district_code', '=', 'c.district_code').onRef('ur.id', '=', 'c.unit_region_id'),
        )
        .select([
          'c.id',
          'c.number',
          'c.title',
          'c.state',
          'c.version',
          'c.created_at',
          'c.latest_rating',
          'd.name as department_name',
          'ur.name as unit_region_name',
        ])
        .where('c.district_code', '=', districtCode)
        .where('c.id', '=', caseId)
        .executeTakeFirst();
    },

    /** The timeline in order: only the action, time and detail (never who). */
    events(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_event')
        .select(['action', 'created_at', 'detail'])
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute();
    },
  };
}
